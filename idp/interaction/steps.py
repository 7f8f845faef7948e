"""The one function that decides what an authorization transaction needs next.

    phone → code → [profile] → [authenticator] → (signed in)
          → [profile] → [authenticator, or the offer to set one up] → [consent] → code

Signing in is asked for when a named check says so (idp/interaction/needs.py),
and again when loa:2 is asked for and the citizen's authenticator was set up
after this session signed in (it counts from the next sign-in); with
prompt=none every step that needs the citizen becomes an error for the client
instead (OIDC Core 3.1.2.6). Nothing here changes anything: the pages and
idp/interaction/flow.py act on the answer.
"""

from dataclasses import dataclass
from enum import Enum

from idp.interaction import transaction
from idp.interaction.needs import needs_consent, needs_login, needs_profile, needs_step_up
from idp.mfa.assurance import authenticator_counts
from idp.models import BrowserSession, Citizen, Client, Interaction
from idp.protocol.authorization_request import prompts
from idp.protocol.claims_request import consent_scope
from idp.protocol.errors import ConsentRequired, InteractionRequired, LoginRequired
from idp.protocol.id_token_hint import hint_subject

# The service named a citizen (id_token_hint, or a `sub` value in the claims parameter).
OTHER_CITIZEN = ("id_token_hint_other_citizen", "claims_sub_other_citizen")


class Step(Enum):
    """A page the citizen must see (its endpoint), or what happens without them."""

    PHONE = "signin.phone"
    CODE = "signin.code"
    PROFILE = "signin.profile"
    AUTHENTICATOR = "signin.authenticator"
    OFFER_AUTHENTICATOR = "signin.offer_authenticator"
    CONSENT = "signin.consent"
    START_SESSION = "start a session: the sign-in is complete"
    FINISH = "issue the code, or return to JAKI ID's page"

    @property
    def is_page(self) -> bool:
        return "." in self.value


@dataclass(frozen=True)
class NextStep:
    step: Step
    citizen: Citizen | None = None  # whose step it is: the one signing in, or the signed-in one
    signing_in: bool = False  # before the session starts: the proof is kept on the transaction
    session: BrowserSession | None = None  # once signed in

    @property
    def who(self) -> Citizen:
        """The citizen of a step that has one (all but PHONE and CODE)."""
        if self.citizen is None:
            raise RuntimeError(f"{self.step} has no citizen")
        return self.citizen


def next_step(interaction: Interaction, client: Client | None, session: BrowserSession | None) -> NextStep:
    """Raises LoginRequired, InteractionRequired or ConsentRequired for prompt=none."""
    params = interaction.params
    silent = "none" in prompts(params)
    hint_sub = hint_subject(params, client) if client is not None else None
    reason = needs_login(session, interaction, client, hint_sub)
    if reason:
        if silent:
            raise LoginRequired("The citizen is not signed in.")
        if reason in OTHER_CITIZEN and interaction.authenticated_at is not None:
            # Signed in during this request, still not the citizen the service named:
            # asking again would loop (OIDC Core 3.1.2.1, 5.5.1: login_required).
            raise LoginRequired("The signed-in citizen is not the one the service named.")
        return _signing_in(interaction)

    assert session is not None  # needs_login says so
    citizen = session.citizen
    if needs_profile(citizen):
        if silent:
            raise InteractionRequired("The citizen must complete their profile.")
        return NextStep(Step.PROFILE, citizen, session=session)
    if client is None:
        return NextStep(Step.FINISH, citizen, session=session)
    if needs_step_up(session, params):
        if citizen.has_totp and not authenticator_counts(session):
            # Set up during this session, it counts from the next sign-in (idp/mfa/assurance.py):
            # sign in again, the SMS code and then the authenticator, rather than tell the
            # service the level cannot be had when one more sign-in gets it.
            if silent:
                raise LoginRequired("The authenticator counts from the citizen's next sign-in.")
            return _signing_in(interaction)
        if silent:
            raise InteractionRequired("A second factor is needed for this service.")
        return NextStep(Step.AUTHENTICATOR if citizen.has_totp else Step.OFFER_AUTHENTICATOR, citizen, session=session)
    if needs_consent(citizen, client, consent_scope(params, client), interaction):
        if silent:
            raise ConsentRequired("The citizen has not consented to this service.")
        return NextStep(Step.CONSENT, citizen, session=session)
    return NextStep(Step.FINISH, citizen, session=session)


def _signing_in(interaction: Interaction) -> NextStep:
    citizen = transaction.proven_citizen(interaction)
    if citizen is None:
        return NextStep(Step.CODE if interaction.challenge_id else Step.PHONE, signing_in=True)
    if needs_profile(citizen):
        return NextStep(Step.PROFILE, citizen, signing_in=True)
    if citizen.has_totp and interaction.second_factor_at is None:
        # The SMS code alone does not sign in a citizen who set up an authenticator.
        return NextStep(Step.AUTHENTICATOR, citizen, signing_in=True)
    return NextStep(Step.START_SESSION, citizen, signing_in=True)
