"""/account/services: each service's consent history, and a signed receipt per consent event
(ISO/IEC TS 27560, Kantara Consent Receipt v1.1) that the citizen downloads and anyone verifies."""

import base64
import json
import re
from datetime import UTC, datetime

from sqlalchemy import delete, select

from idp.extensions import db
from idp.models import Consent, ConsentEvent, ConsentReceipt
from idp.protocol import keys
from tests.conftest import post_form
from tests.oidc.flows import tokens_for

OTHER_PHONE = "081298765432"


def page(http, lang="en") -> str:
    response = http.get("/account/services", query_string={"ui_locales": lang})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def event_ids() -> list[int]:
    return list(db.session.scalars(select(ConsentEvent.id).order_by(ConsentEvent.id)))


def download(http, event_id: int):
    return http.get(f"/account/services/receipts/{event_id}.jwt")


def payload(jws: str) -> dict:
    part = jws.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def verify_cli(app, tmp_path, text: str):
    path = tmp_path / "receipt.jwt"
    path.write_text(text)
    return app.test_cli_runner().invoke(args=["receipts", "verify", str(path)])


def test_the_history_lists_each_event_with_its_time_in_jakarta_and_who_acted(http, make_client, clock):
    client = make_client(agency="DPMPTSP DKI Jakarta")
    clock.set(datetime(2027, 1, 5, 7, 0, tzinfo=UTC).timestamp())  # 14.00 in Jakarta
    tokens_for(http, client)

    shown = page(http)

    history = shown.split("Consent history and receipts")[1]
    assert "Consent given" in history and "by you" in history
    assert "January 5, 2027, 2:00\u202fPM WIB" in history or "January 5, 2027, 2:00 PM WIB" in history
    assert "Identifier, Profile, Phone number" in history
    assert f"/account/services/receipts/{event_ids()[0]}.jwt" in history


def test_the_history_reads_in_indonesian(http, client, clock):
    clock.set(datetime(2027, 1, 5, 7, 0, tzinfo=UTC).timestamp())
    tokens_for(http, client)

    shown = page(http, "id")

    assert "5 Januari 2027, 14.00 WIB" in shown
    assert "Persetujuan diberikan" in shown and "oleh Anda" in shown


def test_a_receipt_downloads_as_a_signed_jwt_file(http, client):
    tokens_for(http, client)

    response = download(http, event_ids()[0])

    assert response.status_code == 200
    assert response.mimetype == "application/jwt"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="jaki-id-consent-receipt-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.jwt"', disposition)
    assert response.headers["Cache-Control"] == "no-store"
    header = json.loads(base64.urlsafe_b64decode(response.get_data(as_text=True).split(".")[0] + "=="))
    assert header["typ"] == "consent-receipt+jwt"


def test_a_receipt_states_the_iso_27560_fields_of_its_event(http, make_client):
    client = make_client(agency="DPMPTSP DKI Jakarta", purposes={"profile": "Fill in your permit"})
    tokens_for(http, client)

    receipt = payload(download(http, event_ids()[0]).get_data(as_text=True))

    assert receipt["piiControllers"] == [{"piiController": "DPMPTSP DKI Jakarta"}]
    assert receipt["event"] == {"type": "granted", "by": "citizen"}
    assert (receipt["jurisdiction"], receipt["noticeVersion"], receipt["legalBasis"][:7]) == ("ID", 1, "consent")
    assert receipt["policyUrl"] == "https://id.jakarta.test/privacy"
    purposes = {p["purposeCategory"][0]: p for p in receipt["services"][0]["purposes"]}
    assert purposes["profile"]["purpose"] == "Fill in your permit"
    assert purposes["profile"]["piiCategory"] == ["name", "birthdate", "gender", "locale", "updated_at"]
    assert purposes["openid"]["piiCategory"] == ["sub"]
    assert receipt["consentTimestamp"] == int(db.session.scalar(select(ConsentEvent.occurred_at)).timestamp())


def test_flask_receipts_verify_accepts_the_downloaded_file(app, http, client, tmp_path):
    tokens_for(http, client)

    result = verify_cli(app, tmp_path, download(http, event_ids()[0]).get_data(as_text=True))

    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: receipt ") and "(granted) for Perizinan" in result.output


def test_flask_receipts_verify_detects_a_tampered_download(app, http, client, tmp_path):
    tokens_for(http, client)
    header, body, signature = download(http, event_ids()[0]).get_data(as_text=True).split(".")
    changed = payload(f"{header}.{body}.{signature}") | {"piiControllers": [{"piiController": "Someone else"}]}
    forged = base64.urlsafe_b64encode(json.dumps(changed).encode()).rstrip(b"=").decode()

    result = verify_cli(app, tmp_path, f"{header}.{forged}.{signature}")

    assert result.exit_code == 1
    assert "the receipt was changed after it was signed" in result.output


def test_a_receipt_stays_identical_and_verifiable_after_key_rotation(app, http, client, clock, tmp_path):
    tokens_for(http, client)
    before = download(http, event_ids()[0]).get_data(as_text=True)
    keys.rotate("RS256")
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + app.config["KEY_RETIREMENT_GRACE_SECONDS"] + 1)

    after = download(http, event_ids()[0]).get_data(as_text=True)

    assert after == before  # the signing key is no longer even published for ID tokens
    assert verify_cli(app, tmp_path, after).exit_code == 0


def test_another_citizens_receipt_is_not_found(app, http, client):
    tokens_for(http, client)
    theirs = event_ids()[0]
    other = app.test_client()
    tokens_for(other, client, phone=OTHER_PHONE)

    response = download(other, theirs)

    assert response.status_code == 404
    assert "eyJ" not in response.get_data(as_text=True)


def test_a_withdrawal_has_its_own_receipt_naming_what_ended(http, client):
    tokens_for(http, client)
    post_form(http, f"/account/services/{db.session.scalar(select(Consent.id))}/revoke", {})

    withdrawal = payload(download(http, event_ids()[-1]).get_data(as_text=True))

    assert withdrawal["event"] == {"type": "withdrawn", "by": "citizen"}
    assert [p["purposeCategory"][0] for p in withdrawal["services"][0]["purposes"]] == ["openid", "profile", "phone"]
    assert "Consent withdrawn" in page(http).split("Consent history and receipts")[1]


def test_the_export_holds_every_consent_event_with_its_receipt(app, http, client, tmp_path):
    tokens_for(http, client)
    post_form(http, f"/account/services/{db.session.scalar(select(Consent.id))}/revoke", {})

    [consent] = http.get("/account/data.json").get_json()["consents"]

    assert [e["event"] for e in consent["history"]] == ["granted", "withdrawn"]
    granted = consent["history"][0]
    assert (granted["by"], granted["scope"], granted["purpose_version"]) == ("citizen", "openid profile phone", 1)
    assert granted["receipt"] == download(http, event_ids()[0]).get_data(as_text=True)
    assert payload(granted["receipt"])["consentReceiptID"] == granted["receipt_id"]
    assert verify_cli(app, tmp_path, consent["history"][1]["receipt"]).exit_code == 0


def test_an_event_recorded_without_a_receipt_gets_one_when_first_asked_and_keeps_it(app, http, client, clock):
    tokens_for(http, client)
    db.session.execute(delete(ConsentReceipt))  # as for an event logged before receipts existed
    db.session.commit()
    clock.advance(3600)

    first = download(http, event_ids()[0]).get_data(as_text=True)
    clock.advance(60)

    assert download(http, event_ids()[0]).get_data(as_text=True) == first
    assert payload(first)["iat"] == payload(first)["consentTimestamp"] + 3600  # signed then, not backdated
