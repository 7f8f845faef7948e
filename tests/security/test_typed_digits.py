"""Finding 10: digits typed from any keyboard. A code in Arabic-Indic or full-width
digits is the code it shows; characters str.isdigit() also accepts but nobody types
as a digit (superscripts) are a wrong code, a 400, never a 500."""

import pytest

from idp.staff import accounts
from tests.conftest import latest_sms, post_form
from tests.signin.conftest import ask_for_code
from tests.signin.test_authenticator_signin import enrolled_citizen, sms_step
from tests.staff.conftest import PASSWORD, code_for, enter_code, enter_password

NOT_DIGITS = ["²²²²²²", "①②③④⑤⑥", "¹²³⁴⁵⁶"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def at_the_authenticator_step(http, app, clock):
    """A citizen with an app, past the SMS code: the app's code is asked for. Its code function."""
    code = enrolled_citizen(app)
    clock.advance(31)
    response = sms_step(http)
    assert "/signin/authenticator" in response.location
    return response.location, code


@pytest.mark.parametrize("typed", NOT_DIGITS)
def test_finding_10_superscript_digits_in_an_authenticator_code_are_a_wrong_code(
    http, at_the_authenticator_step, typed
):
    page, _code = at_the_authenticator_step
    assert post_form(http, page, {"code": typed}).status_code == 400


@pytest.mark.parametrize("script", [ARABIC_INDIC, FULL_WIDTH], ids=["arabic-indic", "full-width"])
def test_finding_10_an_authenticator_code_in_other_digits_is_the_code_it_shows(http, at_the_authenticator_step, script):
    page, code = at_the_authenticator_step
    assert post_form(http, page, {"code": code().translate(script)}).status_code == 302


@pytest.fixture
def quick_argon2(app, monkeypatch):
    """A cheap Argon2 cost for the staff password (tests/staff/conftest.py does the same)."""
    monkeypatch.setitem(app.config, "STAFF_ARGON2_TIME_COST", 1)
    monkeypatch.setitem(app.config, "STAFF_ARGON2_MEMORY_COST_KIB", 1024)
    monkeypatch.setitem(app.config, "STAFF_ARGON2_PARALLELISM", 1)


@pytest.mark.parametrize("typed", NOT_DIGITS)
def test_finding_10_superscript_digits_in_a_staff_code_are_a_wrong_code(http, quick_argon2, typed):
    accounts.create("ani", "operator", PASSWORD)
    enter_password(http, "ani", PASSWORD)
    assert enter_code(http, typed).status_code == 400


def test_finding_10_a_staff_code_in_arabic_indic_digits_is_the_code_it_shows(http, quick_argon2):
    enrolment = accounts.create("ani", "operator", PASSWORD)
    enrolment.staff.totp_secret = enrolment.totp_secret
    enter_password(http, "ani", PASSWORD)
    assert enter_code(http, code_for(enrolment.staff).translate(ARABIC_INDIC)).status_code == 303


@pytest.mark.parametrize("script", [ARABIC_INDIC, FULL_WIDTH], ids=["arabic-indic", "full-width"])
def test_finding_10_an_sms_code_in_other_digits_is_the_code_it_shows(http, script):
    ask_for_code(http)
    response = post_form(http, "/signin/code", {"code": latest_sms(http)["code"].translate(script)})
    assert response.status_code == 303 and "/signin/profile" in response.location


def test_finding_10_superscript_digits_in_an_sms_code_are_a_wrong_code(http):
    ask_for_code(http)
    assert post_form(http, "/signin/code", {"code": "²²²²²²"}).status_code == 400


def test_finding_10_a_phone_number_in_arabic_indic_digits_with_62_is_indonesian(http):
    assert post_form(http, "/signin", {"phone": "6281234567890".translate(ARABIC_INDIC)}).status_code == 303
    assert latest_sms(http)["to"] == "+6281234567890"


def test_finding_10_a_recovery_code_in_full_width_letters_is_a_wrong_code(http, at_the_authenticator_step):
    page, _code = at_the_authenticator_step
    assert post_form(http, page, {"code": "ａｂｃｄｅ-ｆｇｈｊｋ"}).status_code == 400
