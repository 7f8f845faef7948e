"""Consents: what a citizen allowed each service to know. Every query about them is here.

Each change is an event of the consent log (idp/services/consent_log.py), the current
consent is derived from it (OIDC Core 3.1.2.4). A consent lapses after
CONSENT_TTL_SECONDS and is asked again; withdrawing it revokes that service's tokens at
once (UU PDP 27/2022 art. 9: consent can be withdrawn).
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from idp.clock import now
from idp.extensions import db, table
from idp.models import BrowserSession, Client, Consent, ConsentActor, ConsentEvent, ConsentKind
from idp.services import consent_log, logout_deliveries, tokens
from idp.services.consent_log import ConsentState

__all__ = [
    "ConsentState",
    "all_of",
    "answers",
    "covers",
    "expire_due",
    "find",
    "granted",
    "granted_of",
    "history",
    "hold_standing",
    "record",
    "withdraw",
    "withdraw_all",
]


_CONSENTS = table(Consent)


def _holding(*conditions):
    """Lock the matching consent's row until the transaction ends (an UPDATE that changes
    nothing takes the write lock on every database), so its changes and token saves take
    turns; it returns the row's id. On the table, not the model: it writes what is there,
    so no loaded row needs the ORM's updating (extensions.HoldWhileUnset)."""
    return update(_CONSENTS).where(*conditions).values(client_id=_CONSENTS.c.client_id).returning(_CONSENTS.c.id)


# Built once, run with their values: the first on every token request.
_HOLD_PAIR = _holding(_CONSENTS.c.citizen_id == bindparam("citizen"), _CONSENTS.c.client_id == bindparam("client"))
_HOLD_ONE = _holding(_CONSENTS.c.id == bindparam("consent_id"))
_HOLD_ONE_OF = _holding(_CONSENTS.c.id == bindparam("consent_id"), _CONSENTS.c.citizen_id == bindparam("citizen"))


def find(citizen_id: str, client_id: str) -> ConsentState | None:
    def read() -> ConsentState | None:
        found = consent_log.current_of(citizen_id, client_id)
        return consent_log.state(*found) if found else None

    return consent_log.remembered(citizen_id, client_id, read)


def covers(citizen_id: str, client_id: str, scope: str) -> bool:
    consent = find(citizen_id, client_id)
    return consent is not None and consent.covers(set(scope.split()))


def answers(citizen_id: str, client_id: str, scope: str) -> bool:
    """True if a standing consent has the citizen's answer, yes or no, for every scope asked."""
    consent = find(citizen_id, client_id)
    return consent is not None and consent.answers(set(scope.split()))


def granted_of(citizen_id: str, client_id: str, scope: str) -> str:
    """The scopes of `scope` the standing consent grants, in the order asked: what a code carries."""
    consent = find(citizen_id, client_id)
    return consent.granted_of(scope) if consent is not None else ""


def _hold_id(statement, **values) -> int | None:
    """Run one of the `_holding` statements: the id of the consent it holds, or None."""
    return db.session.execute(statement, values).scalar()


def _hold(statement, **values) -> Consent | None:
    held = _hold_id(statement, **values)
    return None if held is None else db.session.get(Consent, held)


def _hold_or_create(citizen_id: str, client_id: str) -> Consent:
    consent = _hold(_HOLD_PAIR, citizen=citizen_id, client=client_id)
    if consent is not None:
        return consent
    try:
        with db.session.begin_nested():
            db.session.add(Consent(citizen_id=citizen_id, client_id=client_id))
    except IntegrityError:
        pass  # created meanwhile by a grant in another tab: hold that one
    consent = _hold(_HOLD_PAIR, citizen=citizen_id, client=client_id)
    assert consent is not None
    return consent


def _state_now(consent: Consent) -> ConsentState | None:
    """The consent's state, writing down an expiry that has happened since its last event."""
    newest = consent_log.newest_event(consent.id)
    if newest is None:
        return None
    current = consent_log.state(consent, newest)
    if current.status == ConsentKind.EXPIRED and newest.kind != ConsentKind.EXPIRED:
        consent_log.append(consent, ConsentKind.EXPIRED, ConsentActor.SYSTEM, occurred_at=newest.expires_at)
    return current


def _answered(earlier: str, yes: str, no: str) -> str:
    """`earlier` with `yes` added and `no` taken away, in the order they were first given."""
    keep = (set(earlier.split()) | set(yes.split())) - set(no.split())
    return " ".join(s for s in dict.fromkeys(earlier.split() + yes.split()) if s in keep)


def record(
    citizen_id: str,
    client_id: str,
    scope: str,
    *,
    declined: str = "",
    purposes: dict | None = None,
    purpose_version: int | None = None,
    language: str | None = None,
) -> ConsentState:
    """The citizen's answer on the consent page: `scope` allowed, `declined` left unticked.

    Scopes not asked about this time keep their earlier answer (unless the consent was
    withdrawn or expired); the answer starts a new period of CONSENT_TTL_SECONDS.
    """
    consent = _hold_or_create(citizen_id, client_id)
    before = _state_now(consent)
    earlier = before if before and before.standing else None
    new_scope = _answered(earlier.scope if earlier else "", scope, declined)
    new_declined = _answered(earlier.declined if earlier else "", declined, scope)
    moment = now()
    consent_log.append(
        consent,
        consent_log.kind_of_grant(before, new_scope),
        ConsentActor.CITIZEN,
        scope=new_scope,
        declined=new_declined,
        purposes=purposes,
        purpose_version=purpose_version,
        language=language,
        occurred_at=moment,
        expires_at=moment + timedelta(seconds=current_app.config["CONSENT_TTL_SECONDS"]),
    )
    if earlier and set(earlier.scope.split()) - set(new_scope.split()):
        # Narrowed: what the service holds was issued for more than the citizen now allows.
        tokens.revoke_for_client(client_id, citizen_id=citizen_id)
    db.session.commit()
    result = find(citizen_id, client_id)
    assert result is not None
    return result


def hold_standing(citizen_id: str, client_id: str) -> bool:
    """In the transaction that saves a service's tokens: True if the citizen's consent still
    stands, its row locked meanwhile, so a withdrawal either came first or waits and then
    revokes the tokens we saved: a code issued just before a withdrawal yields nothing live."""
    held = _hold_id(_HOLD_PAIR, citizen=citizen_id, client=client_id)
    if held is None:
        return False
    # A statement of its own, not a subquery of the UPDATE: on PostgreSQL a statement reads
    # as of its start, so a withdrawal committed while the UPDATE waited for the row would
    # be missed; the next statement sees it.
    newest = consent_log.newest_kind_and_expiry(held)
    return newest is not None and consent_log.stands(*newest)


def granted(citizen_id: str) -> list[tuple[ConsentState, Client]]:
    """The services the citizen allowed, still standing, most recently given first."""
    rows = consent_log.current(Consent.citizen_id == citizen_id)
    names = {
        c.client_id: c
        for c in db.session.scalars(
            select(Client).where(Client.client_id.in_([consent.client_id for consent, _ in rows]))
        )
    }
    standing = [consent_log.state(consent, newest) for consent, newest in rows]
    return [(s, names[s.client_id]) for s in standing if s.standing and s.client_id in names]


def all_of(citizen_id: str) -> list[ConsentState]:
    """Every consent the citizen ever gave, withdrawn and expired ones too (the data export)."""
    return [consent_log.state(c, e) for c, e in consent_log.current(Consent.citizen_id == citizen_id)]


def history(consent_id: int) -> list[ConsentEvent]:
    """One consent's log, oldest first."""
    return consent_log.events(consent_id)


def _end(consent: Consent, by: ConsentActor) -> None:
    """Withdraw a held consent if it stands, and revoke the service's tokens (the caller commits)."""
    current = _state_now(consent)
    if current is not None and current.standing:
        consent_log.append(consent, ConsentKind.WITHDRAWN, by)
    tokens.revoke_for_client(consent.client_id, citizen_id=consent.citizen_id)
    # The service's sessions with this citizen end too (Back-Channel Logout 1.0).
    sessions = db.session.scalars(
        select(BrowserSession).where(BrowserSession.citizen_id == consent.citizen_id, BrowserSession.ended_at.is_(None))
    )
    logout_deliveries.queue_for_sessions(list(sessions), only_client_id=consent.client_id)


def withdraw(citizen_id: str, consent_id: int, by: ConsentActor = ConsentActor.CITIZEN) -> bool:
    """Withdraw one of the citizen's consents and revoke the service's tokens; False if not theirs."""
    consent = _hold(_HOLD_ONE_OF, consent_id=consent_id, citizen=citizen_id)
    if consent is None:
        db.session.rollback()
        return False
    _end(consent, by)
    db.session.commit()
    return True


def withdraw_all(citizen_id: str, by: ConsentActor) -> int:
    """Withdraw every consent of the citizen (an operator's decision, the account's closure)."""
    ids = list(db.session.scalars(select(Consent.id).where(Consent.citizen_id == citizen_id)))
    for consent_id in ids:
        consent = _hold(_HOLD_ONE, consent_id=consent_id)
        if consent is not None:
            _end(consent, by)
    db.session.commit()
    return len(ids)


def expire_due() -> int:
    """Write down the consents whose period ran out, and revoke what their services hold."""
    lapsed = [
        consent
        for consent, newest in consent_log.current(ConsentEvent.expires_at <= now())
        if newest.kind != ConsentKind.EXPIRED
    ]
    for consent in lapsed:
        held = _hold(_HOLD_ONE, consent_id=consent.id)
        if held is not None and _state_now(held) is not None:
            tokens.revoke_for_client(held.client_id, citizen_id=held.citizen_id)
    db.session.commit()
    return len(lapsed)
