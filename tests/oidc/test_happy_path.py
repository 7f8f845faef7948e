"""OIDC Core 3.1: the whole code flow through real HTTP."""

from joserfc import jwt
from joserfc.jwk import KeySet

from tests.conftest import ISSUER, AuthRequest, consent_allow, sign_in


def test_new_citizen_signs_in_consents_and_gets_tokens(http, make_client):
    client = make_client()
    auth = AuthRequest(client)
    response = auth.start(http)
    assert "/signin" in response.location

    response = sign_in(http, "0812 3456 7890", response.location)
    response = http.get(response.location)  # resume the authorization
    response = consent_allow(http, response)
    response = auth.follow_to_client(http, response)
    result = auth.result(response)
    assert result["state"] == auth.state
    assert result["iss"] == ISSUER

    tokens = auth.token_request(http, result["code"]).get_json()
    jwks = KeySet.import_key_set(http.get("/jwks.json").get_json())
    id_token = jwt.decode(tokens["id_token"], jwks)
    assert id_token.header["kid"] in {k["kid"] for k in http.get("/jwks.json").get_json()["keys"]}
    claims = id_token.claims
    assert claims["iss"] == ISSUER
    assert claims["aud"] == client.client_id
    assert claims["nonce"] == auth.nonce

    userinfo = http.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert userinfo["sub"] == claims["sub"]
    assert userinfo["phone_number"] == "+6281234567890"
    assert userinfo["phone_number_verified"] is True
    assert userinfo["name"] == "Budi Santoso"
