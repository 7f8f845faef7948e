"""Signed UserInfo (OIDC Core 5.3.2): `application/jwt`, signed with the key of
the registered alg (its `kid` in our JWKS), with `iss` and `aud`."""

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.conftest import ISSUER
from tests.oidc.flows import id_claims, tokens_for, userinfo


def verified_like_an_rp(http, body: str, alg: str):
    """What an RP library does: the JWKS from jwks_uri, the header's kid and alg."""
    jwks_uri = http.get("/.well-known/openid-configuration").get_json()["jwks_uri"]
    keys = KeySet.import_key_set(http.get(jwks_uri.removeprefix(ISSUER)).get_json())
    token = jwt.decode(body, keys, algorithms=[alg])
    assert keys.get_by_kid(token.header["kid"]).alg == alg
    return token


@pytest.mark.parametrize("alg", ["RS256", "PS256", "ES256", "EdDSA"])
def test_userinfo_is_a_jwt_signed_with_the_registered_alg(http, make_client, alg):
    client = make_client(userinfo_signed_response_alg=alg)
    tokens = tokens_for(http, client, scope="openid profile")
    response = userinfo(http, tokens["access_token"])
    assert response.status_code == 200
    assert response.mimetype == "application/jwt"
    assert response.headers["Cache-Control"] == "no-store"
    token = verified_like_an_rp(http, response.get_data(as_text=True), alg)
    assert token.header["alg"] == alg


def test_signed_userinfo_carries_iss_aud_and_the_same_claims(http, make_client):
    client = make_client(userinfo_signed_response_alg="RS256")
    tokens = tokens_for(http, client, scope="openid profile phone")
    claims = verified_like_an_rp(http, userinfo(http, tokens["access_token"]).get_data(as_text=True), "RS256").claims
    assert claims["iss"] == ISSUER
    assert claims["aud"] == client.client_id
    assert claims["sub"] == id_claims(tokens)["sub"]
    assert claims["phone_number"] == "+6281234567890" and claims["name"]


def test_clients_without_the_registration_still_get_json(http, make_client):
    tokens = tokens_for(http, make_client())
    response = userinfo(http, tokens["access_token"])
    assert response.mimetype == "application/json"
    assert "iss" not in response.get_json()


def test_errors_stay_bearer_challenges_for_signed_userinfo_clients(http, make_client, clock):
    tokens = tokens_for(http, make_client(userinfo_signed_response_alg="ES256"))
    clock.advance(3601)
    response = userinfo(http, tokens["access_token"])
    assert response.status_code == 401 and 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_discovery_advertises_the_userinfo_signing_algs(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["userinfo_signing_alg_values_supported"] == ["RS256", "PS256", "ES256", "EdDSA"]
