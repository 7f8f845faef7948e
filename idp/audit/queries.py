"""Reading the audit log: the console's filters and pages, and a citizen's own events.

Dates in filters are days in Jakarta (WIB): "until 3 December" includes that day.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import Select, func, select

from idp.audit import disclosure_seals
from idp.audit.pseudonyms import PREFIX, pseudonym_of
from idp.audit.types import ABOUT_THE_CITIZEN, LABELS
from idp.extensions import db
from idp.models import AuditEvent
from idp.models.disclosure import Disclosure
from idp.web.i18n import N_

JAKARTA = timezone(timedelta(hours=7), "WIB")
PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


class InvalidFilter(ValueError):
    """A filter the console cannot use; its message is an i18n key."""


@dataclass
class EventFilter:
    since: date | None = None
    until: date | None = None
    type: str | None = None
    client_id: str | None = None
    citizen: str | None = None
    errors: list[str] = field(default_factory=list)

    def as_details(self) -> dict:
        """What was asked for, as an auditor event records it."""
        values = {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "type": self.type,
            "client_id": self.client_id,
            "citizen": self.citizen,
        }
        return {name: value for name, value in values.items() if value}

    def as_args(self) -> dict:
        """The same filters as query parameters (for links to other pages and exports)."""
        values = {"since": self.since, "until": self.until, "type": self.type, "client": self.client_id}
        values["citizen"] = self.citizen
        return {name: value for name, value in values.items() if value}


def _day(value: str, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(N_("Enter dates as YYYY-MM-DD."))
        return None


def parse_filter(args) -> EventFilter:
    """The filters from a query string; unusable ones are left out and named in `errors`."""
    errors: list[str] = []
    result = EventFilter(since=_day(args.get("since", ""), errors), until=_day(args.get("until", ""), errors))
    event_type = args.get("type", "")
    if event_type and event_type not in LABELS:
        errors.append(N_("There is no event type of that name."))
    result.type = event_type if event_type in LABELS else None
    result.client_id = args.get("client", "")[:64] or None
    citizen = args.get("citizen", "").strip()
    if citizen and not (citizen.startswith(PREFIX) and len(citizen) <= 64):
        errors.append(N_("A pseudonymous citizen id starts with w- (as the events show it)."))
    result.citizen = citizen if citizen.startswith(PREFIX) and len(citizen) <= 64 else None
    if result.since and result.until and result.since > result.until:
        errors.append(N_("The start date is after the end date."))
    result.errors = errors
    return result


def _start_of(day: date) -> datetime:
    # In UTC: SQLite compares the stored text, which is UTC without a zone.
    return datetime.combine(day, time.min, tzinfo=JAKARTA).astimezone(UTC)


def _filtered(query: Select, wanted: EventFilter) -> Select:
    if wanted.since:
        query = query.where(AuditEvent.time >= _start_of(wanted.since))
    if wanted.until:
        query = query.where(AuditEvent.time < _start_of(wanted.until + timedelta(days=1)))
    if wanted.type:
        query = query.where(AuditEvent.type == wanted.type)
    if wanted.client_id:
        query = query.where(AuditEvent.client_id == wanted.client_id)
    if wanted.citizen:
        query = query.where(AuditEvent.citizen == wanted.citizen)
    return query


@dataclass
class Page:
    events: list[AuditEvent]
    number: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def page_of(wanted: EventFilter, number: int) -> Page:
    """Newest first, PAGE_SIZE a page, counting from 1."""
    total = db.session.scalar(_filtered(select(func.count()).select_from(AuditEvent), wanted)) or 0
    number = min(max(number, 1), max(1, -(-total // PAGE_SIZE)))
    query = _filtered(select(AuditEvent), wanted).order_by(AuditEvent.seq.desc())
    events = list(db.session.scalars(query.offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return Page(events, number, total)


def matching(wanted: EventFilter) -> list[AuditEvent]:
    """For an export: in chain order, at most EXPORT_LIMIT."""
    query = _filtered(select(AuditEvent), wanted).order_by(AuditEvent.seq).limit(EXPORT_LIMIT)
    return list(db.session.scalars(query))


def about_citizen(citizen_id: str, limit: int = PAGE_SIZE) -> list[AuditEvent]:
    """What a citizen sees about themselves on /account/activity, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.citizen == pseudonym_of(citizen_id), AuditEvent.type.in_(ABOUT_THE_CITIZEN))
        .order_by(AuditEvent.seq.desc())
        .limit(limit)
    )
    # Releases to services are rows of their own, sealed into the log in batches.
    released = select(Disclosure).where(Disclosure.citizen_id == citizen_id, Disclosure.citizen_pseudonym.is_not(None))
    newest = released.order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc()).limit(limit)
    return disclosure_seals.newest_first(list(db.session.scalars(query)), list(db.session.scalars(newest)), limit)


def event_at(seq: int) -> AuditEvent | None:
    return db.session.get(AuditEvent, seq)
