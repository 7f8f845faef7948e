"""Do we need to ask the citizen? Named checks that return a reason or None.

OIDC Core 3.1.2.1 (prompt, max_age, id_token_hint) and 3.1.2.4 (consent).
"""

from sqlalchemy import select

from idp.clock import timestamp
from idp.extensions import db
from idp.models import Consent
from idp.protocol.pairwise import subject_for


def prompts(params: dict) -> set[str]:
    return set((params.get("prompt") or "").split())


def needs_login(session, params: dict, client, interaction, hint_sub: str | None) -> str | None:
    # Signing in during this very interaction satisfies every freshness demand.
    fresh = interaction.authenticated_at is not None
    if session is None:
        return "no_session"
    if "login" in prompts(params) and not fresh:
        return "prompt_login"
    max_age = params.get("max_age")
    # max_age=0 means "sign in again now", like prompt=login.
    if max_age is not None and not fresh and (int(max_age) == 0 or timestamp() - session.auth_time > int(max_age)):
        return "max_age"
    if hint_sub is not None and hint_sub != subject_for(session.citizen, client):
        # Even right after signing in: the service asked for someone else.
        return "id_token_hint_other_citizen"
    return None


def needs_profile(citizen) -> str | None:
    return None if citizen.has_profile else "profile_incomplete"


def find_consent(citizen_id: str, client_id: str) -> Consent | None:
    return db.session.scalar(
        select(Consent).where(Consent.citizen_id == citizen_id, Consent.client_id == client_id)
    )


def needs_consent(citizen, client, scope: str, params: dict, interaction) -> str | None:
    if interaction.consented_at is not None:
        return None
    if "consent" in prompts(params):
        return "prompt_consent"
    consent = find_consent(citizen.id, client.client_id)
    if consent is None or not consent.covers(set(scope.split())):
        return "scopes_not_granted"
    return None
