"""Consent receipts as signed JWS: valid ones verify against the published JWKS, and
`flask receipts verify` names exactly what is wrong with the others."""

import base64
import json
from datetime import UTC, datetime

import pytest
from joserfc.jwk import RSAKey

from idp.protocol import keys
from idp.protocol.consent_receipt import ReceiptFacts, ReceiptInvalid, fields, sign, verify
from tests.conftest import ISSUER

FACTS = ReceiptFacts(
    receipt_id="8d0b7c1e-2f5c-5a51-9a61-0c1f6c7b1a10",
    event="granted",
    actor="citizen",
    occurred_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    controller="Dinas Penanaman Modal dan PTSP",
    service="Perizinan",
    subject="pairwise-sub-at-perizinan",
    purposes={"openid": "Sign you in", "profile": "Fill in your permit application"},
    data_categories={"openid": ["sub"], "profile": ["name", "birthdate"]},
    sensitive_scopes=[],
    language="id",
    notice_version=2,
    policy_url="https://id.jakarta.go.id/privacy",
)


def receipt(**changes) -> dict:
    return fields(FACTS, ISSUER, issued_at=1_764_581_400) | changes


def b64(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def check(text: str) -> dict:
    return verify(text, keys.public_key_set(), ISSUER)


def test_a_signed_receipt_verifies_against_the_published_jwks__rfc7515():
    fields_back = check(sign(receipt()))

    assert fields_back["consentReceiptID"] == FACTS.receipt_id
    assert fields_back["piiControllers"] == [{"piiController": "Dinas Penanaman Modal dan PTSP"}]
    assert fields_back["services"][0]["purposes"][1]["piiCategory"] == ["name", "birthdate"]
    assert (fields_back["jurisdiction"], fields_back["language"], fields_back["noticeVersion"]) == ("ID", "id", 2)
    assert fields_back["legalBasis"].startswith("consent")


def test_a_changed_payload_breaks_the_signature():
    header, _payload, signature = sign(receipt()).split(".")
    forged = b64(receipt(piiControllers=[{"piiController": "Someone else"}]))

    with pytest.raises(ReceiptInvalid, match="signature does not match"):
        check(f"{header}.{forged}.{signature}")


def test_a_changed_signature_is_caught():
    text = sign(receipt())
    flipped = text[:-4] + ("AAAA" if not text.endswith("AAAA") else "BBBB")

    with pytest.raises(ReceiptInvalid, match="signature does not match"):
        check(flipped)


def test_a_key_not_in_the_jwks_is_named():
    header, payload, signature = sign(receipt()).split(".")
    other_kid = b64({"alg": "RS256", "typ": "consent-receipt+jwt", "kid": "not-ours"})

    with pytest.raises(ReceiptInvalid, match="key 'not-ours', which is not in the published JWKS"):
        check(f"{other_kid}.{payload}.{signature}")


def test_an_unsigned_receipt_is_refused():
    with pytest.raises(ReceiptInvalid, match="algorithm 'none'"):
        check(f"{b64({'alg': 'none', 'typ': 'consent-receipt+jwt'})}.{b64(receipt())}.")


def test_an_id_token_is_not_a_receipt():
    header, payload, signature = sign(receipt()).split(".")

    with pytest.raises(ReceiptInvalid, match="typ is 'JWT'"):
        check(f"{b64({'alg': 'RS256', 'typ': 'JWT'})}.{payload}.{signature}")


@pytest.mark.parametrize("text", ["", "abc", "a.b", "a.b.c.d"])
def test_what_is_not_a_compact_jws_says_so(text):
    with pytest.raises(ReceiptInvalid, match="not a compact JWS|not base64url-encoded JSON"):
        check(text)


def test_a_receipt_of_another_issuer_is_refused():
    with pytest.raises(ReceiptInvalid, match="issued by 'https://elsewhere.example'"):
        check(sign(receipt(iss="https://elsewhere.example")))


def test_missing_fields_are_listed():
    incomplete = {k: v for k, v in receipt().items() if k not in ("policyUrl", "legalBasis")}

    with pytest.raises(ReceiptInvalid, match="missing field\\(s\\): policyUrl, legalBasis"):
        check(sign(incomplete))


@pytest.fixture
def cli(app, tmp_path):
    runner = app.test_cli_runner()

    def verify_file(text: str, *extra: str):
        path = tmp_path / "receipt.jws"
        path.write_text(text)
        return runner.invoke(args=["receipts", "verify", str(path), *extra])

    return verify_file


def test_flask_receipts_verify_says_valid(cli):
    result = cli(sign(receipt()))

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"valid: receipt {FACTS.receipt_id} (granted) for Perizinan")


def test_flask_receipts_verify_says_what_is_wrong(cli):
    header, _payload, signature = sign(receipt()).split(".")

    result = cli(f"{header}.{b64(receipt(piiPrincipalId='someone-else'))}.{signature}")

    assert result.exit_code == 1
    assert "invalid: the signature does not match: the receipt was changed after it was signed" in result.output


def test_flask_receipts_verify_takes_a_downloaded_jwks(cli, http, tmp_path):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(http.get("/jwks.json").get_data(as_text=True))

    assert cli(sign(receipt()), "--jwks", str(jwks)).exit_code == 0
    jwks.write_text(json.dumps({"keys": [RSAKey.generate_key(2048).as_dict(private=False)]}))
    assert "not in the published JWKS" in cli(sign(receipt()), "--jwks", str(jwks)).output
    jwks.write_text("{}")
    assert "cannot read the JWKS file" in cli(sign(receipt()), "--jwks", str(jwks)).output
