"""`value` and `values` in the `claims` parameter (OIDC Core 5.5.1): a `sub` names the only
citizen who may be answered for; an `acr` asks for a level like acr_values, and when essential
the ID token's `acr` is one of its values or the authentication fails (5.5.1.1)."""

import json

from tests.account.test_second_factor import enrol_and_sign_in_again
from tests.conftest import AuthRequest, sign_in
from tests.oidc.flows import PHONE, id_claims, tokens_for

LOA1, LOA2 = "urn:jaki:loa:1", "urn:jaki:loa:2"
OTHER_PHONE = "081298765432"


def claims(**targets) -> str:
    return json.dumps(targets, separators=(",", ":"))


def sub_claim(sub: str) -> str:
    return claims(id_token={"sub": {"value": sub}})


def acr_claim(*values: str, essential: bool = True) -> str:
    return claims(id_token={"acr": {"essential": essential, "values": list(values)}})


def signed_in_sub(http, client, phone=PHONE) -> str:
    """Sign in and allow the client in this browser; the citizen's `sub` there."""
    return id_claims(tokens_for(http, client, phone=phone))["sub"]


def test_a_sub_value_of_the_signed_in_citizen_is_answered_silently__5_5_1(http, client):
    sub = signed_in_sub(http, client)
    auth = AuthRequest(client, prompt="none", claims=sub_claim(sub))

    result = auth.result(auth.start(http))

    assert "code" in result
    assert id_claims(auth.token_request(http, result["code"]).get_json())["sub"] == sub


def test_a_sub_value_of_another_citizen_with_prompt_none_is_login_required__5_5_1(app, http, client):
    other = app.test_client()
    theirs = signed_in_sub(other, client, OTHER_PHONE)
    signed_in_sub(http, client)
    auth = AuthRequest(client, prompt="none", claims=sub_claim(theirs))

    result = auth.result(auth.start(http))

    assert result["error"] == "login_required" and "code" not in result


def test_a_sub_value_of_another_citizen_asks_to_sign_in__5_5_1(app, http, client):
    other = app.test_client()
    theirs = signed_in_sub(other, client, OTHER_PHONE)
    signed_in_sub(http, client)

    response = AuthRequest(client, claims=sub_claim(theirs)).start(http)

    assert response.status_code == 303 and "/signin?" in response.location


def test_signing_in_as_the_named_citizen_answers_for_them__5_5_1(app, http, client):
    other = app.test_client()
    theirs = signed_in_sub(other, client, OTHER_PHONE)
    signed_in_sub(http, client)
    auth = AuthRequest(client, claims=sub_claim(theirs))

    response = http.get(sign_in(http, OTHER_PHONE, auth.start(http).location).location)
    result = auth.result(auth.follow_to_client(http, response))

    assert id_claims(auth.token_request(http, result["code"]).get_json())["sub"] == theirs


def test_signing_in_again_as_someone_else_is_login_required__5_5_1(app, http, client):
    other = app.test_client()
    theirs = signed_in_sub(other, client, OTHER_PHONE)
    auth = AuthRequest(client, claims=sub_claim(theirs))

    response = http.get(sign_in(http, PHONE, auth.start(http).location).location)
    result = auth.result(auth.follow_to_client(http, response))

    assert result["error"] == "login_required" and "code" not in result


def test_a_sub_value_in_userinfo_is_a_hint_and_ignored__5_5_1(http, client):
    signed_in_sub(http, client)
    auth = AuthRequest(client, prompt="none", claims=claims(userinfo={"sub": {"value": "someone-else"}}))

    assert "code" in auth.result(auth.start(http))


def test_a_value_for_another_claim_is_a_hint_and_never_the_claim__5_5_1(http, make_client):
    client = make_client(scope="openid profile")
    asked = claims(id_token={"name": {"essential": True, "value": "Someone Else"}})

    tokens = tokens_for(http, client, scope="openid", claims=asked)

    assert id_claims(tokens)["name"] == "Budi Santoso"


def test_an_essential_acr_of_loa2_steps_up__5_5_1_1(http, client):
    signed_in_sub(http, client)

    response = AuthRequest(client, claims=acr_claim(LOA2)).start(http)

    assert response.status_code == 303 and "/signin/authenticator/offer" in response.location


def test_an_essential_acr_of_loa2_with_prompt_none_is_interaction_required__5_5_1_1(http, client):
    signed_in_sub(http, client)
    auth = AuthRequest(client, prompt="none", claims=acr_claim(LOA2))

    assert auth.result(auth.start(http))["error"] == "interaction_required"


def test_an_essential_acr_we_do_not_offer_is_unmet_authentication_requirements__5_5_1_1(http, client):
    auth = AuthRequest(client, claims=acr_claim("urn:elsewhere:loa:9"))

    result = auth.result(auth.start(http))

    assert result["error"] == "unmet_authentication_requirements"
    assert result["state"] == auth.state


def test_a_voluntary_acr_we_do_not_offer_is_no_error__5_5_1_1(http, client):
    result = tokens_for(http, client, claims=acr_claim("urn:elsewhere:loa:9", essential=False))

    assert id_claims(result)["acr"] == LOA1


def test_an_essential_acr_is_one_of_the_values_asked_for__5_5_1_1(http, client, clock):
    enrol_and_sign_in_again(http, clock)  # the session is at loa:2

    only_loa1 = id_claims(tokens_for(http, client, claims=acr_claim(LOA1)))
    either = id_claims(tokens_for(http, client, claims=acr_claim(LOA2, LOA1)))

    assert (only_loa1["acr"], only_loa1["amr"]) == (LOA1, ["sms", "otp", "mfa"])
    assert either["acr"] == LOA2


def test_values_that_are_not_an_array_are_invalid_request__5_5_1(http, client):
    auth = AuthRequest(client, claims=claims(id_token={"acr": {"essential": True, "values": LOA2}}))

    assert auth.result(auth.start(http))["error"] == "invalid_request"


def test_a_sub_value_that_is_not_a_string_is_invalid_request__5_5_1(http, client):
    auth = AuthRequest(client, claims=claims(id_token={"sub": {"value": 42}}))

    assert auth.result(auth.start(http))["error"] == "invalid_request"
