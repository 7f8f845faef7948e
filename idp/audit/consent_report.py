"""The consent log as an auditor reads it, from the audit events of each consent change:
per service, what was given, widened, narrowed, withdrawn and expired each month and how
many consents stand now; per pseudonymous citizen, every change and release in order.

"Stand now" is as last recorded: a consent whose period ran out counts as expired once
its expiry is written (`flask consents expire`, or the next time it is looked at).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from idp.audit import disclosure_seals
from idp.audit.queries import JAKARTA
from idp.audit.types import CONSENT_EVENTS, CONSENT_STANDING, DISCLOSED
from idp.extensions import db
from idp.models import AuditEvent
from idp.models.disclosure import Disclosure

CITIZEN_LIMIT = 500


@dataclass
class Month:
    month: str  # YYYY-MM in Jakarta
    counts: dict[str, int]  # event type → how many


@dataclass
class ClientReport:
    client_id: str
    months: list[Month]  # newest first
    standing: int
    ended: int


def for_client(client_id: str) -> ClientReport:
    rows = db.session.execute(
        select(AuditEvent.time, AuditEvent.type, AuditEvent.citizen)
        .where(AuditEvent.client_id == client_id, AuditEvent.type.in_(CONSENT_EVENTS))
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=1000)
    )
    months: dict[str, Counter] = defaultdict(Counter)
    newest: dict[str | None, str] = {}  # citizen → the type of their newest consent event
    for moment, event_type, citizen in rows:
        months[moment.astimezone(JAKARTA).strftime("%Y-%m")][event_type] += 1
        newest[citizen] = event_type
    standing = sum(1 for event_type in newest.values() if event_type in CONSENT_STANDING)
    ordered = [Month(month, dict(counts)) for month, counts in sorted(months.items(), reverse=True)]
    return ClientReport(client_id, ordered, standing, len(newest) - standing)


def for_citizen(pseudonym: str) -> list[AuditEvent]:
    """The citizen's consent changes and the releases to services, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.citizen == pseudonym, AuditEvent.type.in_((*CONSENT_EVENTS, DISCLOSED)))
        .order_by(AuditEvent.seq.desc())
        .limit(CITIZEN_LIMIT)
    )
    released = (
        select(Disclosure)
        .where(Disclosure.citizen_pseudonym == pseudonym)
        .order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc())
        .limit(CITIZEN_LIMIT)
    )
    events, disclosures = list(db.session.scalars(query)), list(db.session.scalars(released))
    return disclosure_seals.newest_first(events, disclosures, CITIZEN_LIMIT)
