"""Creating and managing staff accounts (used by `flask staff ...`)."""

import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import StaffMember, StaffSession
from idp.models.staff import ROLES
from idp.staff import totp
from idp.staff.passwords import check_strength, hash_password

# Starts with a letter, so a staff username can never look like a citizen's phone number.
USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,31}")


class StaffAccountError(ValueError):
    """A reason the command was refused; nothing was written."""


@dataclass
class Enrolment:
    """What the new staff member needs for their authenticator app, shown once."""

    staff: StaffMember
    totp_secret: str

    @property
    def provisioning_uri(self) -> str:
        return totp.provisioning_uri(self.staff.username, self.totp_secret)


def normalize_username(raw: str) -> str:
    return (raw or "").strip().lower()


def find(username: str) -> StaffMember | None:
    return db.session.scalar(select(StaffMember).where(StaffMember.username == normalize_username(username)))


def check_new_username(username: str):
    """Raise StaffAccountError unless `username` (normalized) is well-formed and free."""
    if not USERNAME.fullmatch(username):
        raise StaffAccountError(
            "the username must be 3 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter"
        )
    if find(username) is not None:
        raise StaffAccountError(f"the username {username!r} is taken")


def create(username: str, role: str, password: str) -> Enrolment:
    username = normalize_username(username)
    check_new_username(username)
    if role not in ROLES:
        raise StaffAccountError(f"the role must be one of: {', '.join(ROLES)}")
    try:
        check_strength(password, username)
    except ValueError as error:
        raise StaffAccountError(str(error)) from None
    secret = totp.new_secret()
    staff = StaffMember(
        username=username,
        role=role,
        password_hash=hash_password(password),
        totp_secret_encrypted=totp.encrypt(secret),
    )
    db.session.add(staff)
    try:
        db.session.commit()
    except IntegrityError:  # created by someone else a moment ago
        db.session.rollback()
        raise StaffAccountError(f"the username {username!r} is taken") from None
    return Enrolment(staff, secret)


def end_sessions(staff: StaffMember):
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.staff_member_id == staff.id, StaffSession.ended_at.is_(None))
        .values(ended_at=now())
    )


def disable(staff: StaffMember):
    """No more sign-ins; sessions already open end now."""
    staff.disabled = True
    end_sessions(staff)
    db.session.commit()


def reset_totp(staff: StaffMember) -> Enrolment:
    """A new authenticator secret (lost phone); the old one and open sessions stop working."""
    secret = totp.new_secret()
    staff.totp_secret_encrypted = totp.encrypt(secret)
    staff.totp_last_used_step = None
    end_sessions(staff)
    db.session.commit()
    return Enrolment(staff, secret)


def record_failure(staff: StaffMember):
    """Count a wrong password or code (atomically: parallel guesses all count)."""
    db.session.execute(
        update(StaffMember).where(StaffMember.id == staff.id).values(failed_attempts=StaffMember.failed_attempts + 1)
    )
    audit_log.append(audit.STAFF_SIGNIN_FAILED, actor=audit_log.staff(staff.id))
    db.session.commit()
