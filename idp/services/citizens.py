"""Citizens: finding them by their proven number and changing it. Every citizen query is here."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import Citizen

# What a citizen changes on the account's pages, as the model names it.
PROFILE_FIELDS = ("name", "birthdate", "gender", "nik", "address")


class NumberTaken(Exception):
    """Another citizen signs in with that number: it cannot be moved to this account."""


def by_phone(number: str) -> Citizen | None:
    return db.session.scalar(select(Citizen).where(Citizen.phone_number == number))


def verified(number: str, locale: str) -> Citizen:
    """The citizen whose number's code just came back; a new one if nobody has it yet."""
    citizen = by_phone(number)
    if citizen is None:
        citizen = Citizen(phone_number=number, locale=locale)
        db.session.add(citizen)
    citizen.phone_number_verified = True
    db.session.commit()
    return citizen


def check_number_free(citizen: Citizen, number: str) -> None:
    """Raise NumberTaken if another citizen has `number`."""
    taken = db.session.scalar(select(Citizen.id).where(Citizen.phone_number == number, Citizen.id != citizen.id))
    if taken is not None:
        raise NumberTaken()


def set_number(citizen: Citizen, number: str) -> None:
    """Give the citizen a proven number, in the caller's database transaction.

    The unique index decides a race with someone signing up with it meanwhile:
    then nothing changes and NumberTaken is raised.
    """
    try:
        citizen.phone_number = number
        citizen.phone_number_verified = True
        citizen.updated_at = now()  # the phone_number claim changed
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise NumberTaken() from None


def change_profile(citizen: Citizen, values: dict) -> list[str]:
    """Set the fields of `values` that differ, in the caller's transaction; return their names.

    A change is an audit event naming the fields, never their values; `updated_at` (the
    `updated_at` claim, OIDC Core 5.1) moves with it. Nothing changed, nothing recorded.
    """
    changed = [name for name in PROFILE_FIELDS if name in values and values[name] != getattr(citizen, name)]
    for name in changed:
        setattr(citizen, name, values[name])
    if changed:
        citizen.updated_at = now()
        audit_log.append(audit.PROFILE_CHANGED, citizen_id=citizen.id, details={"fields": changed})
    return changed
