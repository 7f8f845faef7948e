"""The consent log: appending its events, and deriving the current consent from them.

`append` is the one place a consent changes (granted, widened, narrowed, withdrawn,
expired): whatever must happen with every change belongs there (the audit event, the
signed receipt). The current consent is
never stored; `state` reads it off the newest event, so the log alone is the truth
(UU PDP 27/2022 art. 22: consent must be recorded and provable).
"""

from dataclasses import dataclass
from datetime import datetime

from flask import g, has_request_context
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from idp.audit import consent_events
from idp.clock import now
from idp.extensions import db
from idp.models import Consent, ConsentActor, ConsentEvent, ConsentKind
from idp.models.consent import STANDING_KINDS
from idp.services import consent_receipts

READ_THIS_REQUEST = "consents_read"  # flask.g: (citizen, client) → ConsentState | None


@dataclass(frozen=True)
class ConsentState:
    """A consent as it stands now, derived from its newest event."""

    id: int
    citizen_id: str
    client_id: str
    scope: str  # granted scopes ("" if it no longer stands)
    declined: str  # scopes the citizen was asked for and left unticked
    status: str  # the newest event's kind, or "expired" once its period ran out
    changed_at: datetime  # the newest event's time
    expires_at: datetime | None
    purposes: dict
    purpose_version: int | None
    language: str | None

    @property
    def standing(self) -> bool:
        return self.status in STANDING_KINDS

    @property
    def granted_at(self) -> datetime:
        """When the citizen last gave this consent (while it stands)."""
        return self.changed_at

    @property
    def revoked_at(self) -> datetime | None:
        """When it stopped standing: withdrawn, or expired; None while it stands."""
        if self.standing:
            return None
        return self.expires_at if self.status == ConsentKind.EXPIRED and self.expires_at else self.changed_at

    def covers(self, scopes: set[str]) -> bool:
        return self.standing and scopes <= set(self.scope.split())

    def granted_of(self, scope: str) -> str:
        """The scopes of `scope` this consent grants while it stands, in the order asked."""
        allowed = set(self.scope.split()) if self.standing else set()
        return " ".join(s for s in scope.split() if s in allowed)

    def answers(self, scopes: set[str]) -> bool:
        """Every scope of `scopes` was allowed or left unticked: nothing to ask again."""
        return self.standing and scopes <= set(self.scope.split()) | set(self.declined.split())


def _lapsed(kind: str, expires_at: datetime | None) -> bool:
    return kind in STANDING_KINDS and expires_at is not None and expires_at <= now()


def stands(kind: str, expires_at: datetime | None) -> bool:
    """A consent whose newest event is of this kind and expiry stands now (given, and its
    period not run out)."""
    return kind in STANDING_KINDS and not _lapsed(kind, expires_at)


# Built once, run with the consent's id: on every token request.
_NEWEST_KIND_AND_EXPIRY = (
    select(ConsentEvent.kind, ConsentEvent.expires_at)
    .where(ConsentEvent.consent_id == bindparam("consent_id"))
    .order_by(ConsentEvent.id.desc())
    .limit(1)
)


def newest_kind_and_expiry(consent_id: int) -> tuple[str, datetime | None] | None:
    """The kind and expiry of the consent's newest event (all that says whether it
    stands, with `stands`), without loading the event; None if it has none."""
    row = db.session.execute(_NEWEST_KIND_AND_EXPIRY, {"consent_id": consent_id}).first()
    return None if row is None else (row.kind, row.expires_at)


def state(consent: Consent, newest: ConsentEvent) -> ConsentState:
    lapsed = _lapsed(newest.kind, newest.expires_at)
    status = ConsentKind.EXPIRED if lapsed else ConsentKind(newest.kind)
    return ConsentState(
        id=consent.id,
        citizen_id=consent.citizen_id,
        client_id=consent.client_id,
        scope="" if lapsed else newest.scope,
        declined="" if lapsed else newest.declined,
        status=status,
        changed_at=newest.occurred_at,
        expires_at=newest.expires_at,
        purposes=newest.purposes,
        purpose_version=newest.purpose_version,
        language=newest.language,
    )


def _with_newest_event():
    earlier = aliased(ConsentEvent)
    newest_id = select(func.max(earlier.id)).where(earlier.consent_id == Consent.id).scalar_subquery()
    return (
        select(Consent, ConsentEvent)
        .join(ConsentEvent, ConsentEvent.consent_id == Consent.id)
        .where(ConsentEvent.id == newest_id)
        .order_by(ConsentEvent.id.desc())
    )


_WITH_NEWEST_EVENT = _with_newest_event()
# Built once, run with the pair: every authorization reads it.
_OF_PAIR = _WITH_NEWEST_EVENT.where(
    Consent.citizen_id == bindparam("citizen_id"), Consent.client_id == bindparam("client_id")
)


def current(*conditions) -> list[tuple[Consent, ConsentEvent]]:
    """Each matching consent with its newest event, most recently changed first."""
    rows = db.session.execute(_WITH_NEWEST_EVENT.where(*conditions)).all()
    return [(consent, newest) for consent, newest in rows]


def current_of(citizen_id: str, client_id: str) -> tuple[Consent, ConsentEvent] | None:
    """The citizen's consent to the service with its newest event, if there is one."""
    row = db.session.execute(_OF_PAIR, {"citizen_id": citizen_id, "client_id": client_id}).first()
    return None if row is None else (row[0], row[1])


def remembered(citizen_id: str, client_id: str, read):
    """`read()`, the current consent of the pair, read once per request: an authorization
    asks whether consent is needed and then what it grants. Any event appended in the
    request forgets what was read."""
    if not has_request_context():
        return read()
    memo = g.setdefault(READ_THIS_REQUEST, {})
    if (citizen_id, client_id) not in memo:
        memo[citizen_id, client_id] = read()
    return memo[citizen_id, client_id]


def newest_event(consent_id: int) -> ConsentEvent | None:
    return db.session.scalar(
        select(ConsentEvent).where(ConsentEvent.consent_id == consent_id).order_by(ConsentEvent.id.desc()).limit(1)
    )


def events(consent_id: int) -> list[ConsentEvent]:
    """A consent's whole history, oldest first."""
    return list(
        db.session.scalars(select(ConsentEvent).where(ConsentEvent.consent_id == consent_id).order_by(ConsentEvent.id))
    )


def kind_of_grant(before: ConsentState | None, scope: str) -> ConsentKind:
    """How a grant of `scope` changes what stood before it."""
    if before is None or not before.standing:
        return ConsentKind.GRANTED
    old, new = set(before.scope.split()), set(scope.split())
    if new == old:
        return ConsentKind.RENEWED
    if new > old:
        return ConsentKind.WIDENED
    if new < old:
        return ConsentKind.NARROWED
    return ConsentKind.CHANGED


def append(
    consent: Consent,
    kind: ConsentKind,
    actor: ConsentActor,
    *,
    scope: str = "",
    declined: str = "",
    purposes: dict | None = None,
    purpose_version: int | None = None,
    language: str | None = None,
    occurred_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> ConsentEvent:
    """Add one event to the log (the caller commits, with whatever else the change does)."""
    row = ConsentEvent(
        consent_id=consent.id,
        kind=kind,
        actor=actor,
        scope=scope,
        declined=declined,
        purposes=purposes or {},
        purpose_version=purpose_version,
        language=language,
        occurred_at=occurred_at or now(),
        expires_at=expires_at,
    )
    db.session.add(row)
    db.session.flush()
    if has_request_context():
        g.pop(READ_THIS_REQUEST, None)
    consent_events.record(consent, row)  # the audit log, in the same transaction
    consent_receipts.issue(consent, row)  # the citizen's signed receipt, likewise
    return row
