"""The code SMS: the citizen's language, the service asking, "never share",
the WebOTP line, and one SMS long (160 GSM-7 characters)."""

from urllib.parse import urlsplit

from idp.phone_otp.sms_text import GSM7_BASIC, SMS_MAX_CHARS, sms_text
from tests.conftest import AuthRequest, latest_sms
from tests.signin.conftest import ask_for_code


def ask_for_code_for(http, client, **extra):
    """Start at the client, as a citizen would, and ask for a code on the sign-in page."""
    sign_in_page = urlsplit(AuthRequest(client, **extra).start(http).location)
    return ask_for_code(http, query=f"?{sign_in_page.query}")


def test_sms_names_the_service_that_asked(http, make_client):
    ask_for_code_for(http, make_client(name="Perizinan"))
    assert " kode JAKI ID (Perizinan) Anda." in latest_sms(http)["body"]


def test_sms_is_in_english_when_the_service_asks_for_english(http, make_client):
    ask_for_code_for(http, make_client(name="Perizinan"), ui_locales="en")
    body = latest_sms(http)["body"]
    assert "is your JAKI ID (Perizinan) code. Never share this code with anyone." in body


def test_sms_without_a_service_names_only_jaki_id(http):
    ask_for_code(http)
    sms = latest_sms(http)
    assert sms["body"].startswith(f"{sms['code']} adalah kode JAKI ID Anda.")


def test_long_service_name_is_shortened_to_keep_one_sms(app):
    with app.test_request_context():
        text = sms_text("123456", "id", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi DKI Jakarta")
    assert len(text) <= SMS_MAX_CHARS
    assert "JAKI ID (Dinas Penanaman Modal" in text
    assert text.endswith("\n\n@id.jakarta.test #123456")


def test_characters_outside_gsm7_are_left_out_of_the_service_name(app):
    with app.test_request_context():
        text = sms_text("123456", "id", "Layanan “Sehat” – Puskesmas 🏥")
    assert set(text) <= GSM7_BASIC
    assert "JAKI ID (Layanan Sehat Puskesmas)" in text
