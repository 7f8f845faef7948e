"""Do we need to ask the citizen? Named checks that return a reason or None.

OIDC Core 3.1.2.1 (prompt, max_age, id_token_hint), 5.5.1 (a `sub` the `claims` parameter
names), 3.1.2.4 (consent) and the
assurance level asked for in `acr_values` (idp/mfa/assurance.py).
"""

from idp.clock import timestamp
from idp.mfa.assurance import needs_step_up
from idp.models import BrowserSession, Citizen, Client, Interaction
from idp.protocol import claims_request
from idp.protocol.authorization_request import prompts
from idp.protocol.pairwise import subject_for
from idp.services import consents
from idp.services.consent_log import ConsentState

__all__ = ["needs_consent", "needs_login", "needs_profile", "needs_step_up", "purposes_changed"]


def needs_login(
    session: BrowserSession | None, interaction: Interaction, client: Client | None, hint_sub: str | None
) -> str | None:
    # Signing in during this very interaction satisfies every freshness demand.
    fresh = interaction.authenticated_at is not None
    if client is None:
        # A sign-in to JAKI ID's own pages is asked for on purpose: always sign in.
        return None if fresh else "signing_in_to_jaki_id"
    if session is None:
        return "no_session"
    params = interaction.params
    if "login" in prompts(params) and not fresh:
        return "prompt_login"
    max_age = params.get("max_age")
    # max_age=0 means "sign in again now", like prompt=login.
    if max_age is not None and not fresh and (int(max_age) == 0 or timestamp() - session.auth_time > int(max_age)):
        return "max_age"
    if hint_sub is not None and hint_sub != subject_for(session.citizen, client):
        # Even right after signing in: the service asked for someone else.
        return "id_token_hint_other_citizen"
    asked_sub = claims_request.requested_subject(params)
    if asked_sub is not None and asked_sub != subject_for(session.citizen, client):
        # OIDC Core 5.5.1: a positive answer only if the citizen that `sub` names is signed in.
        return "claims_sub_other_citizen"
    return None


def needs_profile(citizen: Citizen) -> str | None:
    return None if citizen.has_profile else "profile_incomplete"


def needs_consent(citizen: Citizen, client: Client, scope: str, interaction: Interaction) -> str | None:
    if interaction.consented_at is not None:
        return None
    if "consent" in prompts(interaction.params):
        return "prompt_consent"
    consent = consents.find(citizen.id, client.client_id)
    if consent is None or not consent.answers(set(scope.split())):
        return "scopes_not_granted"
    if purposes_changed(consent, client):
        return "purposes_changed"
    return None


def purposes_changed(consent: ConsentState | None, client: Client) -> bool:
    """The service changed why it asks since the citizen agreed (its purpose_version rose):
    consent is to the purpose stated (UU PDP 27/2022 art. 22), so it is asked again."""
    if consent is None or not consent.standing:
        return False
    return (consent.purpose_version or 1) < client.purpose_version
