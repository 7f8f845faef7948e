"""Staff passwords: Argon2id (RFC 9106), rehashed when the cost settings change.

Passwords are the low-entropy secret here, so they get a memory-hard hash;
tokens and codes elsewhere are random and only need a digest.
"""

from functools import lru_cache
from typing import TypeGuard

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from idp.models import StaffMember

MAX_LENGTH = 256  # long passphrases are welcome; a pasted file is a mistake


class WeakPassword(ValueError):
    """Why a new password is refused, for the operator typing it."""


def _hasher() -> PasswordHasher:
    config = current_app.config
    return _hasher_for(
        config["STAFF_ARGON2_TIME_COST"], config["STAFF_ARGON2_MEMORY_COST_KIB"], config["STAFF_ARGON2_PARALLELISM"]
    )


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_cost_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=parallelism)


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("no staff member has this password")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(staff: StaffMember | None, password: str) -> TypeGuard[StaffMember]:
    """True if `password` is this staff member's (so never for None); upgrades the hash if its cost is outdated.

    With no staff member (unknown username) a dummy hash is verified, so the
    response takes as long as for a real account and does not reveal which
    usernames exist.
    """
    hasher = _hasher()
    stored = staff.password_hash if staff is not None else _dummy_hash(hasher)
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if staff is None:
        return False
    if hasher.check_needs_rehash(stored):
        staff.password_hash = hasher.hash(password)
    return True


def check_strength(password: str, username: str):
    """Raise WeakPassword unless `password` is acceptable for `username`."""
    minimum = current_app.config["STAFF_PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise WeakPassword(f"the password must have at least {minimum} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"the password must have at most {MAX_LENGTH} characters")
    if len(set(password)) == 1:
        raise WeakPassword("the password must not repeat one character")
    if password.strip().lower() == username.lower():
        raise WeakPassword("the password must not be the username")
