"""Consents: what a citizen allowed each service to know. Every query about them is here.

A consent is a row per citizen and client (OIDC Core 3.1.2.4); withdrawing it
revokes that service's tokens at once (UU PDP 27/2022: consent can be withdrawn).
"""

from sqlalchemy import select

from idp.clock import now
from idp.extensions import db, hold_while_unset
from idp.models import BrowserSession, Client, Consent
from idp.services import logout_deliveries, tokens


def find(citizen_id: str, client_id: str) -> Consent | None:
    return db.session.scalar(select(Consent).where(Consent.citizen_id == citizen_id, Consent.client_id == client_id))


def covers(citizen_id: str, client_id: str, scope: str) -> bool:
    consent = find(citizen_id, client_id)
    return consent is not None and consent.covers(set(scope.split()))


def record(citizen_id: str, client_id: str, scope: str) -> Consent:
    """Remember the grant, adding to what was allowed before (unless it was withdrawn)."""
    row = find(citizen_id, client_id)
    if row is None:
        row = Consent(citizen_id=citizen_id, client_id=client_id, scope=scope)
        db.session.add(row)
    else:
        kept = [] if row.revoked_at else row.scope.split()
        row.scope = " ".join(dict.fromkeys(kept + scope.split()))
        row.revoked_at = None
    row.granted_at = now()
    db.session.commit()
    return row


def hold_standing(citizen_id: str, client_id: str) -> bool:
    """In the transaction that saves a service's tokens: True if the citizen's consent still
    stands, its row locked meanwhile, so a withdrawal either came first or waits and then
    revokes the tokens we saved: a code issued just before a withdrawal yields nothing live."""
    return hold_while_unset(Consent.revoked_at, Consent.citizen_id == citizen_id, Consent.client_id == client_id)


def granted(citizen_id: str) -> list[tuple[Consent, Client]]:
    """The services the citizen allowed and has not withdrawn, newest first."""
    rows = db.session.execute(
        select(Consent, Client)
        .join(Client, Client.client_id == Consent.client_id)
        .where(Consent.citizen_id == citizen_id, Consent.revoked_at.is_(None))
        .order_by(Consent.granted_at.desc())
    ).all()
    return [(consent, client) for consent, client in rows]


def all_of(citizen_id: str) -> list[Consent]:
    """Every consent the citizen ever gave, withdrawn ones too (the data export)."""
    return list(db.session.scalars(select(Consent).where(Consent.citizen_id == citizen_id)))


def withdraw(citizen_id: str, consent_id: int) -> bool:
    """Withdraw one of the citizen's consents and revoke the service's tokens; False if not theirs."""
    consent = db.session.get(Consent, consent_id)
    if consent is None or consent.citizen_id != citizen_id:
        return False
    consent.revoked_at = now()
    tokens.revoke_for_client(consent.client_id, citizen_id=citizen_id)
    # The service's sessions with this citizen end too (Back-Channel Logout 1.0).
    sessions = db.session.scalars(
        select(BrowserSession).where(BrowserSession.citizen_id == citizen_id, BrowserSession.ended_at.is_(None))
    )
    logout_deliveries.queue_for_sessions(list(sessions), only_client_id=consent.client_id)
    db.session.commit()
    return True
