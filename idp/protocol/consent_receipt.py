"""Consent receipts: the Kantara Consent Receipt v1.1 fields, with those of ISO/IEC TS 27560
(event, legal basis, notice version), signed as a compact JWS (RFC 7515) with the provider's
keys, so anyone can check one against the published JWKS.

`verify` says exactly what is wrong with a receipt that does not check out.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from idp.protocol.keys import DEFAULT_ALG, SUPPORTED_ALGS, private_key_set

RECEIPT_TYPE = "consent-receipt+jwt"
KANTARA_VERSION = "KI-CR-v1.1.0"
JURISDICTION = "ID"  # Indonesia: UU PDP No. 27/2022
LEGAL_BASIS = "consent (UU PDP 27/2022 art. 20(2)(a))"
COLLECTION_METHOD = "JAKI ID consent page"
REQUIRED = (
    "iss",
    "iat",
    "version",
    "jurisdiction",
    "consentTimestamp",
    "consentReceiptID",
    "language",
    "piiPrincipalId",
    "piiControllers",
    "policyUrl",
    "services",
    "legalBasis",
    "noticeVersion",
    "event",
)


class ReceiptInvalid(ValueError):
    """What is wrong with a receipt, in words a person can act on."""


@dataclass(frozen=True)
class ReceiptFacts:
    """One consent event, as the receipt states it."""

    receipt_id: str
    event: str  # granted, widened, narrowed, changed, renewed, withdrawn, expired
    actor: str  # who made the change: citizen, operator, account_closure, system
    occurred_at: datetime
    controller: str  # the agency
    service: str
    subject: str  # the citizen's pairwise `sub` at that service: never the phone number
    purposes: dict[str, str]  # scope → the purpose the service registered
    data_categories: dict[str, list[str]]  # scope → the claims it releases
    sensitive_scopes: list[str]
    language: str
    notice_version: int | None
    policy_url: str


def fields(facts: ReceiptFacts, issuer: str, issued_at: int) -> dict:
    """The receipt's JSON (Kantara CR v1.1 names, with the ISO/IEC TS 27560 additions)."""
    return {
        "iss": issuer,
        "iat": issued_at,
        "jti": facts.receipt_id,
        "version": KANTARA_VERSION,
        "jurisdiction": JURISDICTION,
        "consentTimestamp": int(facts.occurred_at.timestamp()),
        "collectionMethod": COLLECTION_METHOD,
        "consentReceiptID": facts.receipt_id,
        "language": facts.language,
        "piiPrincipalId": facts.subject,
        "piiControllers": [{"piiController": facts.controller}],
        "policyUrl": facts.policy_url,
        "services": [
            {
                "service": facts.service,
                "purposes": [
                    {
                        "purpose": facts.purposes.get(scope, ""),
                        "purposeCategory": [scope],
                        "consentType": "EXPLICIT",
                        "piiCategory": facts.data_categories.get(scope, []),
                        "primaryPurpose": True,
                        "termination": "withdrawal by the citizen, account closure or expiry",
                        "thirdPartyDisclosure": False,
                    }
                    for scope in facts.data_categories
                ],
            }
        ],
        "sensitive": bool(facts.sensitive_scopes),
        "spiCat": list(facts.sensitive_scopes),
        "legalBasis": LEGAL_BASIS,
        "noticeVersion": facts.notice_version,
        "event": {"type": facts.event, "by": facts.actor},
    }


def sign(receipt: dict, alg: str = DEFAULT_ALG) -> str:
    """The receipt as a compact JWS signed by the active key (its `kid` in the header)."""
    payload = json.dumps(receipt, ensure_ascii=False, separators=(",", ":")).encode()
    return jws.serialize_compact({"alg": alg, "typ": RECEIPT_TYPE}, payload, private_key_set(alg), [alg])


def _decode_part(part: str, what: str) -> dict:
    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, ValueError):
        raise ReceiptInvalid(f"the {what} is not base64url-encoded JSON") from None
    if not isinstance(value, dict):
        raise ReceiptInvalid(f"the {what} is not a JSON object")
    return value


def verify(text: str, jwks: KeySet, issuer: str) -> dict:
    """The receipt's fields, if it is ours and unchanged; ReceiptInvalid says what is wrong."""
    parts = text.strip().split(".")
    if len(parts) != 3:
        raise ReceiptInvalid(f"not a compact JWS: expected 3 parts separated by dots, found {len(parts)}")
    header = _decode_part(parts[0], "header")
    if header.get("typ") != RECEIPT_TYPE:
        raise ReceiptInvalid(f"the header's typ is {header.get('typ')!r}, not {RECEIPT_TYPE!r}: not a consent receipt")
    alg = header.get("alg")
    if alg not in SUPPORTED_ALGS:
        raise ReceiptInvalid(f"algorithm {alg!r} is not one this provider signs with {SUPPORTED_ALGS}")
    kid = header.get("kid")
    known = {key.kid for key in jwks.keys}
    if kid not in known:
        raise ReceiptInvalid(
            f"signed with key {kid!r}, which is not in the published JWKS (retired, revoked or another provider's)"
        )
    payload = _decode_part(parts[1], "payload")
    try:
        jws.deserialize_compact(text.strip(), jwks, algorithms=[alg])
    except JoseError:
        raise ReceiptInvalid("the signature does not match: the receipt was changed after it was signed") from None
    if payload.get("iss") != issuer:
        raise ReceiptInvalid(f"issued by {payload.get('iss')!r}, not by this provider ({issuer!r})")
    missing = [name for name in REQUIRED if name not in payload]
    if missing:
        raise ReceiptInvalid(f"missing field(s): {', '.join(missing)}")
    for name, member in (("services", "service"), ("piiControllers", "piiController")):
        listed = payload[name]
        if not (isinstance(listed, list) and listed and all(isinstance(i, dict) and member in i for i in listed)):
            raise ReceiptInvalid(f"{name} must be a non-empty list of objects with {member!r}")
    if payload["jti"] != payload["consentReceiptID"]:
        raise ReceiptInvalid("jti and consentReceiptID differ")
    return payload
