"""A citizen's second factor: a TOTP authenticator plus 10 recovery codes.

Recovery codes are single use and stored as Argon2id hashes; a TOTP code is
accepted once per time step (compare-and-set on the citizen row).
"""

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import delete, select, update

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db, rows_changed
from idp.mfa import totp
from idp.models import Citizen, RecoveryCode
from idp.web import ratelimit

RECOVERY_CODE_COUNT = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed on a phone
RECOVERY_CODE = re.compile(r"[a-z2-9]{5}-?[a-z2-9]{5}")
# Argon2id at OWASP's minimum (19 MiB, t=2): the codes carry ~49 bits and
# attempts are limited, so the cost guards a stolen table, not guessing.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class TooManyAttempts(Exception):
    def __init__(self, retry_after_seconds: int):
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


def issuer() -> str:
    return current_app.config["SERVICE_NAME"]


def accept_totp(citizen: Citizen, code: str, secret: str | None = None) -> bool:
    """True once per time step for a correct code from the citizen's authenticator."""
    if not secret:
        stored = citizen.totp_secret_encrypted
        # Without a secret of its own, only called for a citizen with TOTP on (has_totp), whose secret is stored.
        assert stored is not None
        secret = totp.decrypt(stored)
    # Keep updated_at (a profile claim): using the authenticator changes no profile.
    return totp.accept_once(Citizen, citizen.id, secret, code, updated_at=Citizen.updated_at)


def enable(citizen: Citizen, secret: str, code: str) -> list[str] | None:
    """Turn TOTP on once a code from the new secret comes back; returns the recovery codes."""
    if not accept_totp(citizen, code, secret=secret):
        return None
    db.session.refresh(citizen)
    citizen.totp_secret_encrypted = totp.encrypt(secret)
    citizen.totp_enabled_at = now()
    codes = _replace_recovery_codes(citizen)
    audit_log.append(audit.AUTHENTICATOR_ENABLED, citizen_id=citizen.id)
    db.session.commit()
    return codes


def disable(citizen: Citizen):
    citizen.totp_secret_encrypted = None
    citizen.totp_enabled_at = None
    citizen.totp_last_used_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.citizen_id == citizen.id))
    audit_log.append(audit.AUTHENTICATOR_DISABLED, citizen_id=citizen.id)
    db.session.commit()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))  # ~49 bits
    return f"{raw[:5]}-{raw[5:]}"


def _replace_recovery_codes(citizen: Citizen) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.citizen_id == citizen.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(citizen_id=citizen.id, code_hash=_hasher.hash(code)) for code in codes)
    return codes


def accept_recovery_code(citizen: Citizen, code: str) -> bool:
    """True once for each recovery code; it is spent atomically."""
    typed = (code or "").strip().lower().replace(" ", "")
    if not RECOVERY_CODE.fullmatch(typed):
        return False  # not even shaped like one: spend no Argon2 work on it
    if len(typed) == 10:
        typed = f"{typed[:5]}-{typed[5:]}"
    unused = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.citizen_id == citizen.id, RecoveryCode.used_at.is_(None))
    ).all()
    for row in unused:
        try:
            _hasher.verify(row.code_hash, typed)
        except (VerificationError, InvalidHashError):
            continue
        won = rows_changed(
            update(RecoveryCode).where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None)).values(used_at=now())
        )
        db.session.commit()
        return bool(won)
    return False


def accept_second_factor(citizen: Citizen, code: str) -> bool:
    """An authenticator code, or else a recovery code; wrong ones are limited.

    Someone holding only the SIM must not be able to guess a TOTP code (1 in
    10^6 per try, 3 valid steps), so failures count per citizen and raise
    TooManyAttempts until the window moves on.

    Each attempt is counted before its code is looked at, in one atomic step
    that refuses it past the limit (as staff sign-in does): checked first and
    counted after, parallel guesses all passed the check before any counted.
    A correct code then takes the count back: only the holder of the
    authenticator can give one, so the failures before it were their typing.
    """
    if not citizen.has_totp:
        return False
    limit = current_app.config["SECOND_FACTOR_FAILURE_LIMIT"]
    verdict = ratelimit.hit(limit, "second-factor", citizen.id)
    if not verdict.allowed:
        audit_log.append(audit.LIMIT_HIT, citizen_id=citizen.id, details={"limit": "second_factor"})
        db.session.commit()
        raise TooManyAttempts(verdict.retry_after_seconds)
    if accept_totp(citizen, code) or accept_recovery_code(citizen, code):
        ratelimit.clear(limit, "second-factor", citizen.id)
        return True
    return False


def remaining_recovery_codes(citizen: Citizen) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.citizen_id == citizen.id, RecoveryCode.used_at.is_(None))
        ).all()
    )
