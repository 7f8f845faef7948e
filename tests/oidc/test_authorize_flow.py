"""The authorization state machine: sign-in, consent, prompt, max_age, hints."""

import base64
import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select
from werkzeug.datastructures import MultiDict

from idp.clock import now
from idp.extensions import db
from idp.interaction.flow import issue_code
from idp.models import BrowserSession, Interaction
from idp.web.errors import PageError
from tests.conftest import REDIRECT_URI, AuthRequest, post_form, sign_in
from tests.oidc.flows import PHONE, full_flow, id_claims, tokens_for


def test_nonce_is_optional_in_the_code_flow_oidc_core_3_1_2_1(http, make_client):
    auth = AuthRequest(make_client(), nonce=None)
    claims = id_claims(tokens_for(http, auth))
    assert "nonce" not in claims


def test_64_character_nonce_is_copied_exactly(http, make_client):
    nonce = "N" * 32 + "-_.~abcdefghijklmnopqrstuvwxyz01"
    claims = id_claims(tokens_for(http, AuthRequest(make_client(), nonce=nonce)))
    assert claims["nonce"] == nonce


def test_consent_is_remembered_for_the_same_scopes(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    response = AuthRequest(client).start(http)
    assert response.location.startswith("https://permits.example/callback?code=")


def test_new_scope_asks_for_consent_again(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client, scope="openid"))
    response = AuthRequest(client, scope="openid phone").start(http)
    assert "/consent" in response.location


def test_prompt_consent_asks_again(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    response = AuthRequest(client, prompt="consent").start(http)
    assert "/consent" in response.location


def test_deny_returns_access_denied_with_state(http, make_client):
    auth = AuthRequest(make_client())
    response = auth.start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    response = post_form(http, response.location, {"decision": "deny"})
    result = auth.result(response)
    assert result["error"] == "access_denied"
    assert result["state"] == auth.state
    assert "code" not in result


def test_prompt_none_signed_out_is_login_required(http, make_client):
    auth = AuthRequest(make_client(), prompt="none")
    result = auth.result(auth.start(http))
    assert result["error"] == "login_required"
    assert result["state"] == auth.state


def test_prompt_none_without_consent_is_consent_required(http, make_client):
    first, second = make_client(), make_client(name="Vaksinasi")
    full_flow(http, AuthRequest(first))
    result = AuthRequest.result(AuthRequest(second, prompt="none").start(http))
    assert result["error"] == "consent_required"


def test_prompt_none_signed_in_returns_the_same_sub_and_auth_time(http, make_client):
    client = make_client()
    first = id_claims(tokens_for(http, AuthRequest(client, max_age="3600")))
    auth = AuthRequest(client, prompt="none", max_age="3600")
    result = auth.result(auth.start(http))
    second = id_claims(auth.token_request(http, result["code"]).get_json())
    assert second["sub"] == first["sub"]
    assert second["auth_time"] == first["auth_time"]


def test_prompt_login_forces_a_new_sign_in_with_a_later_auth_time(http, make_client, clock):
    client = make_client()
    first = id_claims(tokens_for(http, AuthRequest(client, max_age="3600")))
    clock.advance(30)
    auth = AuthRequest(client, prompt="login")
    response = auth.start(http)
    assert "/signin" in response.location
    second = id_claims(tokens_for(http, auth))
    assert second["auth_time"] > first["auth_time"]
    assert second["sub"] == first["sub"]


def test_max_age_zero_forces_sign_in(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    assert "/signin" in AuthRequest(client, max_age="0").start(http).location


def test_elapsed_max_age_forces_sign_in(http, make_client, clock):
    client = make_client()
    full_flow(http, AuthRequest(client))
    clock.advance(61)
    assert "/signin" in AuthRequest(client, max_age="60").start(http).location


def test_unexpired_max_age_signs_in_silently_with_auth_time(http, make_client):
    client = make_client()
    first = id_claims(tokens_for(http, AuthRequest(client, prompt="login")))
    second = id_claims(tokens_for(http, AuthRequest(client, max_age="10000")))
    assert second["auth_time"] == first["auth_time"]


def test_id_token_hint_of_the_signed_in_citizen_is_silent(http, make_client):
    client = make_client()
    tokens = tokens_for(http, AuthRequest(client))
    auth = AuthRequest(client, prompt="none", id_token_hint=tokens["id_token"])
    assert "code" in auth.result(auth.start(http))


def test_id_token_hint_for_another_citizen_is_login_required(http, app, make_client):
    client = make_client()
    tokens = tokens_for(app.test_client(), AuthRequest(client), phone="081111111111")
    full_flow(http, AuthRequest(client), phone="082222222222")
    auth = AuthRequest(client, prompt="none", id_token_hint=tokens["id_token"])
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_id_token_hint_for_another_client_is_invalid_request(http, make_client):
    first, second = make_client(), make_client(name="Pajak")
    tokens = tokens_for(http, AuthRequest(first))
    auth = AuthRequest(second, id_token_hint=tokens["id_token"])
    assert auth.result(auth.start(http))["error"] == "invalid_request"


def test_login_hint_prefills_the_phone(http, make_client):
    response = AuthRequest(make_client(), login_hint="+62 812-3456-7890").start(http)
    page = http.get(response.location).get_data(as_text=True)
    assert 'value="+6281234567890"' in page


def test_unknown_and_optional_parameters_never_cause_an_error(http, make_client):
    auth = AuthRequest(
        make_client(),
        display="popup",
        claims_locales="en",
        acr_values="urn:jaki:loa:1",
        ui_locales="fr en",
        extra_parameter="ignored",
    )
    assert "code" in full_flow(http, auth)


def test_post_to_authorize_works_via_a_get_that_carries_lax_cookies(http, make_client):
    auth = AuthRequest(make_client())
    response = http.post("/authorize", data=auth.params)
    assert response.status_code == 303 and response.location.startswith("/authorize?")
    assert "/signin" in http.get(response.location).location


def test_post_to_authorize_keeps_duplicates_so_they_are_refused(http, make_client):
    auth = AuthRequest(make_client())
    data = MultiDict(list(auth.params.items()) + [("state", "other")])
    response = http.get(http.post("/authorize", data=data).location)
    assert AuthRequest.result(response)["error"] == "invalid_request"


def test_hint_for_another_citizen_after_signing_in_ends_with_login_required(http, app, make_client):
    client = make_client()
    tokens = tokens_for(app.test_client(), AuthRequest(client), phone="081111111111")
    auth = AuthRequest(client, id_token_hint=tokens["id_token"])
    response = http.get(sign_in(http, "082222222222", auth.start(http).location).location)
    assert auth.result(response)["error"] == "login_required"


def test_paused_request_cannot_be_resumed_by_another_browser(http, app, make_client):
    response = AuthRequest(make_client()).start(http)
    stranger = app.test_client()
    page = stranger.get(response.location)
    assert page.status_code == 400
    assert "Location" not in page.headers


def test_pages_speak_indonesian_by_default(http, make_client):
    response = AuthRequest(make_client()).start(http)
    page = http.get(response.location).get_data(as_text=True)
    assert "Nomor ponsel" in page
    assert '<html lang="id">' in page


def test_ui_locales_en_gives_the_stable_english_names(http, make_client):
    response = AuthRequest(make_client(), ui_locales="en").start(http)
    page = http.get(response.location).get_data(as_text=True)
    assert ">Phone number</label>" in page and ">Send code</button>" in page


def test_accept_language_en_gives_english(http, make_client):
    response = AuthRequest(make_client()).start(http)
    page = http.get(response.location, headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert ">Phone number</label>" in page


def test_alg_none_id_token_hint_is_invalid_request(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    payload = tokens["id_token"].split(".")[1]
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none"}).encode()).rstrip(b"=").decode()
    auth = AuthRequest(client, prompt="none", id_token_hint=f"{header}.{payload}.")
    assert auth.result(auth.start(http))["error"] == "invalid_request"


def test_long_state_is_echoed_byte_exact_with_the_code(http, make_client):
    state = ("ß/?&=+%20 " * 150)[:1500]
    result = full_flow(http, AuthRequest(make_client(), state=state))
    assert "code" in result and result["state"] == state


def test_a_paused_request_yields_one_code_only(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))  # consent given
    response = AuthRequest(client, prompt="login").start(http)
    response = sign_in(http, PHONE, response.location)
    resume = response.location
    assert "code=" in http.get(resume).location
    second = http.get(resume)
    # The citizen is signed in: no second code, and no dead end either (their account).
    assert second.status_code == 303 and second.location == "/account/"


def test_issuing_a_code_for_an_interaction_finished_elsewhere_fails(app, make_client, make_citizen):
    client, citizen = make_client(), make_citizen()
    interaction = Interaction(
        id="x",
        browser_id="b",
        client_id=client.client_id,
        params={"redirect_uri": REDIRECT_URI},
        expires_at=now() + timedelta(minutes=5),
    )
    session = BrowserSession(cookie_digest="c", sid="s", citizen_id=citizen.id, auth_time=0, amr=["sms"])
    db.session.add_all([interaction, session])
    db.session.commit()
    db.session.execute(delete(Interaction))  # another request finished it first
    db.session.commit()
    with app.test_request_context(), pytest.raises(PageError):
        issue_code(interaction, client, session)


def interactions_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Interaction))


def test_an_authorization_answered_at_once_stores_no_transaction(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    result = AuthRequest.result(AuthRequest(client).start(http))
    assert result["code"] and interactions_stored() == 0


def test_an_error_answered_at_once_stores_no_transaction(http, make_client):
    result = AuthRequest.result(AuthRequest(make_client(), prompt="none").start(http))
    assert result["error"] == "login_required" and interactions_stored() == 0


def test_an_authorization_that_needs_a_page_stores_its_transaction(http, make_client):
    response = AuthRequest(make_client()).start(http)
    assert "/signin" in response.location and interactions_stored() == 1
