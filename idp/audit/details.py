"""What an event's details may hold: facts about what happened, never a credential
or a direct identifier (no phone number, NIK, code, token, secret or password).

Refused by key name and by value shape, so a careless caller fails in tests
rather than writing a phone number into a log that can never be edited.
"""

import re
from typing import Any

FORBIDDEN_KEYS = {"phone", "phone_number", "nik", "code", "otp", "token", "secret", "password", "name", "birthdate"}
FORBIDDEN_SUFFIXES = ("_token", "_secret", "_password", "_phone", "_code")
# An Indonesian number in any usual spelling, or 16 digits (the NIK).
PHONE_LIKE = re.compile(r"(\+?62|\b0)8\d{7,12}\b")
NIK_LIKE = re.compile(r"\b\d{16}\b")


class UnsafeAuditDetail(ValueError):
    """The details of an event would hold something the log must never keep."""


def check_details(details: dict[str, Any]) -> dict[str, Any]:
    _check(details, "details")
    return details


def _check(value: Any, where: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnsafeAuditDetail(f"{where}: keys must be strings")
            lowered = key.lower()
            if lowered in FORBIDDEN_KEYS or lowered.endswith(FORBIDDEN_SUFFIXES):
                raise UnsafeAuditDetail(f"{where}.{key}: the audit log never holds this")
            _check(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, f"{where}[{index}]")
    elif isinstance(value, str):
        if PHONE_LIKE.search(value) or NIK_LIKE.search(value):
            raise UnsafeAuditDetail(f"{where}: looks like a phone number or NIK")
    elif isinstance(value, float):
        # Floats may come back from a database spelled differently, breaking the hash.
        raise UnsafeAuditDetail(f"{where}: no floats (use an integer or a string)")
    elif value is not None and not isinstance(value, (bool, int)):
        raise UnsafeAuditDetail(f"{where}: {type(value).__name__} is not a JSON value")
