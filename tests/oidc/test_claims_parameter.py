"""The `claims` request parameter (OIDC Core 5.5): single claims for UserInfo and the ID token."""

import json

from tests.conftest import AuthRequest, post_form, sign_in
from tests.oidc.flows import PHONE, id_claims, tokens_for, userinfo

SCOPES = "openid profile phone address"


def claims(**targets):
    return json.dumps(targets)


def test_a_single_userinfo_claim_is_released_alone(http, make_client):
    client = make_client(scope=SCOPES)
    tokens = tokens_for(http, client, scope="openid", claims=claims(userinfo={"birthdate": None}))
    assert tokens["scope"] == "openid"
    body = userinfo(http, tokens["access_token"]).get_json()
    assert set(body) == {"sub", "birthdate"}


def test_an_id_token_claim_is_in_the_id_token(http, make_client):
    client = make_client(scope=SCOPES)
    tokens = tokens_for(http, client, scope="openid", claims=claims(id_token={"name": {"essential": True}}))
    assert id_claims(tokens)["name"] == "Budi Santoso"
    assert "name" not in userinfo(http, tokens["access_token"]).get_json()


def test_the_consent_page_asks_for_the_scope_and_says_it_is_needed(http, make_client):
    client = make_client(name="Vaksinasi", scope=SCOPES)
    auth = AuthRequest(client, scope="openid", ui_locales="en", claims=claims(id_token={"name": {"essential": True}}))
    response = auth.start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    page = http.get(response.location).get_data(as_text=True)
    assert 'value="profile"' in page
    assert "Vaksinasi says it needs this." in page


def test_an_unticked_scope_releases_none_of_its_claims_and_is_no_error(http, make_client):
    client = make_client(scope=SCOPES)
    auth = AuthRequest(client, scope="openid", claims=claims(id_token={"name": {"essential": True}}))
    response = auth.start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    response = post_form(http, response.location, {"decision": "allow", "offered": "profile", "scope": []})
    code = auth.result(auth.follow_to_client(http, response))["code"]
    tokens = auth.token_request(http, code).get_json()
    assert "name" not in id_claims(tokens)


def test_claims_the_client_did_not_register_or_we_do_not_know_are_ignored(http, make_client):
    client = make_client(scope="openid profile")
    tokens = tokens_for(
        http, client, scope="openid", claims=claims(userinfo={"nik": None, "favourite_colour": None, "name": None})
    )
    assert set(userinfo(http, tokens["access_token"]).get_json()) == {"sub", "name"}


def test_a_refreshed_access_token_releases_the_same_claims(http, make_client):
    client = make_client(scope=SCOPES)
    tokens = tokens_for(http, client, scope="openid", claims=claims(userinfo={"birthdate": None}))
    refreshed = http.post(
        "/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(client.client_id, client.secret),
    ).get_json()
    assert set(userinfo(http, refreshed["access_token"]).get_json()) == {"sub", "birthdate"}


def test_malformed_claims_are_invalid_request(http, make_client):
    client = make_client(scope=SCOPES)
    for bad in ("{not json", "[]", '{"userinfo": []}', '{"userinfo": {"name": {"essential": "yes"}}}'):
        auth = AuthRequest(client, claims=bad)
        result = auth.result(auth.start(http))
        assert (result["error"], result["state"]) == ("invalid_request", auth.state), bad


def test_discovery_says_the_claims_parameter_is_supported(http):
    assert http.get("/.well-known/openid-configuration").get_json()["claims_parameter_supported"] is True
