"""Who is behind a pseudonym: only for an auditor who writes down why, and never unlogged.

The justification goes into the log for good, so it must not itself hold a phone
number or NIK; the event is committed before the identity is shown.
"""

from idp.audit import log
from idp.audit import types as audit
from idp.audit.details import UnsafeAuditDetail
from idp.audit.pseudonyms import citizen_named
from idp.extensions import db
from idp.models import Citizen
from idp.web.i18n import N_

MIN_JUSTIFICATION = 20
MAX_JUSTIFICATION = 1000


class RevealRefused(ValueError):
    """Why nothing was revealed (an i18n key with {minimum})."""


def reveal(staff_id: int, pseudonym: str, justification: str) -> Citizen | None:
    """Log the reveal with its justification, then the citizen (None: nobody, or a closed account)."""
    text = " ".join(justification.split())
    if len(text) < MIN_JUSTIFICATION:
        raise RevealRefused(N_("Write why you need to know who this is, in at least {minimum} characters."))
    if len(text) > MAX_JUSTIFICATION:
        raise RevealRefused(N_("Keep the justification under {maximum} characters."))
    citizen = citizen_named(db.session(), pseudonym)
    details = {"pseudonym": pseudonym, "justification": text, "found": citizen is not None}
    try:
        log.append(
            audit.AUDITOR_REVEALED,
            actor=log.staff(staff_id),
            citizen_id=citizen.id if citizen else None,
            details=details,
        )
    except UnsafeAuditDetail:
        raise RevealRefused(
            N_("Leave phone numbers and NIK out of the justification: it stays in the audit log for good.")
        ) from None
    db.session.commit()
    return citizen
