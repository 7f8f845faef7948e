"""The one function that decides the next step (idp/interaction/steps.py), alone.

The pages that act on it are tested through HTTP in tests/signin and tests/oidc.
"""

from datetime import timedelta

import pytest

from idp.clock import now, timestamp
from idp.extensions import db
from idp.interaction.steps import Step, next_step
from idp.mfa.assurance import LOA_TOTP
from idp.models import BrowserSession, Interaction
from idp.protocol.errors import ConsentRequired, InteractionRequired, LoginRequired
from idp.services import consents
from tests.conftest import AuthRequest


def interaction_for(client=None, **params) -> Interaction:
    row = Interaction(
        id=f"i{timestamp()}{len(params)}",
        browser_id="b",
        client_id=client.client_id if client else None,
        params=(AuthRequest(client).params | params) if client else {},
        expires_at=now() + timedelta(minutes=5),
    )
    db.session.add(row)
    db.session.commit()
    return row


def session_of(citizen, second_factor_at=None) -> BrowserSession:
    row = BrowserSession(
        cookie_digest=f"c{citizen.id}", sid=f"s{citizen.id}", citizen_id=citizen.id,
        auth_time=timestamp(), amr=["sms"], second_factor_at=second_factor_at,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def proven(interaction, citizen):
    interaction.citizen_id, interaction.phone_verified_at = citizen.id, timestamp()
    db.session.commit()


def test_no_code_sent_yet_is_the_phone_step(make_client):
    assert next_step(interaction_for(make_client()), make_client(), None).step is Step.PHONE


def test_a_code_on_its_way_is_the_code_step(make_client):
    client = make_client()
    interaction = interaction_for(client)
    interaction.challenge_id = "challenge"
    assert next_step(interaction, client, None).step is Step.CODE


def test_a_new_citizen_gives_a_profile_before_the_session(make_client, make_citizen):
    client, citizen = make_client(), make_citizen(name=None, birthdate=None)
    interaction = interaction_for(client)
    proven(interaction, citizen)
    upcoming = next_step(interaction, client, None)
    assert (upcoming.step, upcoming.citizen, upcoming.signing_in) == (Step.PROFILE, citizen, True)


def test_an_authenticator_is_asked_for_after_the_sms_code(make_client, make_citizen):
    client, citizen = make_client(), make_citizen()
    citizen.totp_enabled_at = now()
    interaction = interaction_for(client)
    proven(interaction, citizen)
    assert next_step(interaction, client, None).step is Step.AUTHENTICATOR
    interaction.second_factor_at = timestamp()
    assert next_step(interaction, client, None).step is Step.START_SESSION


def test_a_proof_of_the_number_expires(app, make_client, make_citizen, clock):
    client, citizen = make_client(), make_citizen()
    interaction = interaction_for(client)
    proven(interaction, citizen)
    clock.advance(app.config["OTP_TTL_SECONDS"] * 2 + 1)
    assert next_step(interaction, client, None).step is Step.PHONE


def test_signed_in_without_consent_is_the_consent_step(make_client, make_citizen):
    client, citizen = make_client(), make_citizen()
    assert next_step(interaction_for(client), client, session_of(citizen)).step is Step.CONSENT


def test_signed_in_with_consent_finishes(make_client, make_citizen):
    client, citizen = make_client(), make_citizen()
    consents.record(citizen.id, client.client_id, "openid profile phone")
    assert next_step(interaction_for(client), client, session_of(citizen)).step is Step.FINISH


def test_step_up_without_an_authenticator_is_the_offer(make_client, make_citizen):
    client, citizen = make_client(), make_citizen()
    step = next_step(interaction_for(client, acr_values=LOA_TOTP), client, session_of(citizen)).step
    assert step is Step.OFFER_AUTHENTICATOR


def test_a_sign_in_to_jaki_id_itself_always_signs_in_then_finishes(make_citizen):
    citizen = make_citizen()
    interaction = interaction_for()
    assert next_step(interaction, None, session_of(citizen)).step is Step.PHONE
    interaction.authenticated_at = timestamp()
    assert next_step(interaction, None, session_of(make_citizen())).step is Step.FINISH


@pytest.mark.parametrize(
    ("setup", "error"),
    [("signed_out", LoginRequired), ("no_profile", InteractionRequired), ("no_consent", ConsentRequired)],
)
def test_prompt_none_turns_a_page_into_an_error_oidc_core_3_1_2_6(make_client, make_citizen, setup, error):
    client = make_client()
    citizen = make_citizen(name=None) if setup == "no_profile" else make_citizen()
    session = None if setup == "signed_out" else session_of(citizen)
    with pytest.raises(error):
        next_step(interaction_for(client, prompt="none"), client, session)
