"""Token revocation (RFC 7009) and introspection (RFC 7662)."""

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.conftest import AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow, refresh, userinfo


def get_tokens(http, auth: AuthRequest, citizen) -> dict:
    response = auth.token_request(http, full_flow(http, auth, citizen.phone_number)["code"])
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def revoke(http, client, token, **extra):
    return http.post("/revoke", data={"token": token} | extra, auth=(client.client_id, client.secret))


def introspect(http, client, token, **extra):
    return http.post("/introspect", data={"token": token} | extra, auth=(client.client_id, client.secret))


@pytest.fixture
def other_client(make_client):
    return make_client(name="Pajak", redirect_uris=["https://pajak.example/callback"])


@pytest.fixture
def tokens(http, client, make_citizen):
    return get_tokens(http, AuthRequest(client), make_citizen())


# --- Revocation (RFC 7009) -------------------------------------------------------------


def test_revoked_access_token_is_refused_at_userinfo__rfc7009_2_1(http, client, tokens):
    response = revoke(http, client, tokens["access_token"], token_type_hint="access_token")
    assert response.status_code == 200

    response = userinfo(http, tokens["access_token"])

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_revoked_refresh_token_cannot_refresh__rfc7009_2_1(http, client, tokens):
    assert revoke(http, client, tokens["refresh_token"], token_type_hint="refresh_token").status_code == 200

    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def test_revoking_a_refresh_token_revokes_every_access_token_of_the_grant__rfc7009_2_1(http, client, tokens):
    # "...SHOULD also invalidate all access tokens based on the same authorization grant."
    rotated = refresh(http, client, tokens["refresh_token"]).get_json()

    revoke(http, client, rotated["refresh_token"], token_type_hint="refresh_token")

    assert userinfo(http, rotated["access_token"]).status_code == 401
    assert userinfo(http, tokens["access_token"]).status_code == 401


def test_revoking_with_the_wrong_hint_still_revokes__rfc7009_2_1(http, client, tokens):
    revoke(http, client, tokens["access_token"], token_type_hint="refresh_token")

    assert userinfo(http, tokens["access_token"]).status_code == 401


def test_unknown_hint_is_ignored__rfc7009_2_1(http, client, tokens):
    response = revoke(http, client, tokens["access_token"], token_type_hint="id_token")

    assert response.status_code == 200
    assert userinfo(http, tokens["access_token"]).status_code == 401


def test_revoking_an_unknown_token_returns_200__rfc7009_2_2(http, client):
    response = revoke(http, client, "not-a-token-we-issued")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_revocation_without_client_authentication_is_401__rfc7009_2_1(http, client, tokens):
    response = http.post("/revoke", data={"token": tokens["access_token"]})

    assert_oauth_error(response, "invalid_client", status=401)
    assert userinfo(http, tokens["access_token"]).status_code == 200


def test_revocation_with_a_bad_secret_is_401__rfc7009_2_1(http, client, tokens):
    response = http.post("/revoke", data={"token": tokens["access_token"]}, auth=(client.client_id, "wrong"))

    assert_oauth_error(response, "invalid_client", status=401)
    assert userinfo(http, tokens["access_token"]).status_code == 200


def test_client_cannot_revoke_another_clients_token__rfc7009_2_1(http, tokens, other_client):
    # "...verifies whether the token was issued to the client making the
    # revocation request. If this validation fails, the request is refused."
    response = revoke(http, other_client, tokens["access_token"])

    assert_oauth_error(response, "invalid_grant")
    assert userinfo(http, tokens["access_token"]).status_code == 200


def test_client_cannot_revoke_another_clients_refresh_token__rfc7009_2_1(http, client, tokens, other_client):
    revoke(http, other_client, tokens["refresh_token"], token_type_hint="refresh_token")

    assert refresh(http, client, tokens["refresh_token"]).status_code == 200


def test_revocation_with_two_authentication_methods_is_invalid_request__rfc6749_2_3(http, client, tokens):
    form = {"token": tokens["access_token"], "client_id": client.client_id, "client_secret": client.secret}

    response = http.post("/revoke", data=form, auth=(client.client_id, client.secret))

    assert_oauth_error(response, "invalid_request")
    assert userinfo(http, tokens["access_token"]).status_code == 200


def test_revocation_without_token_is_invalid_request__rfc7009_2_1(http, client):
    response = http.post("/revoke", data={}, auth=(client.client_id, client.secret))

    assert_oauth_error(response, "invalid_request")


def test_public_client_revokes_its_token_with_its_client_id__rfc7009_2_1(http, make_client, make_citizen):
    client = make_client(auth_method="none")
    auth = AuthRequest(client)
    code = full_flow(http, auth, make_citizen().phone_number)["code"]
    tokens = http.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": auth.redirect_uri,
            "code_verifier": auth.verifier,
            "client_id": client.client_id,
        },
    ).get_json()

    response = http.post("/revoke", data={"token": tokens["access_token"], "client_id": client.client_id})

    assert response.status_code == 200
    assert userinfo(http, tokens["access_token"]).status_code == 401


# --- Introspection (RFC 7662) ----------------------------------------------------------


def test_active_access_token_is_described__rfc7662_2_2(http, client, tokens):
    jwks = KeySet.import_key_set(http.get("/jwks.json").get_json())
    id_token = jwt.decode(tokens["id_token"], jwks).claims

    response = introspect(http, client, tokens["access_token"])

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["active"] is True
    assert body["sub"] == id_token["sub"]  # the pairwise sub, not the internal id
    assert body["scope"] == "openid profile phone"
    assert body["client_id"] == client.client_id
    assert body["exp"] == pytest.approx(time.time() + tokens["expires_in"], abs=5)


def test_active_refresh_token_is_active__rfc7662_2_2(http, client, tokens):
    body = introspect(http, client, tokens["refresh_token"], token_type_hint="refresh_token").get_json()

    assert body["active"] is True
    assert body["client_id"] == client.client_id


def test_refresh_token_outlives_its_access_token__rfc7662_2_2(app, http, client, tokens, clock):
    clock.advance(app.config["ACCESS_TOKEN_TTL_SECONDS"] + 1)

    body = introspect(http, client, tokens["refresh_token"], token_type_hint="refresh_token").get_json()

    assert body["active"] is True
    assert body["exp"] > time.time() + app.config["ACCESS_TOKEN_TTL_SECONDS"]


def test_rotated_refresh_token_is_inactive__rfc7662_2_2(http, client, tokens):
    refresh(http, client, tokens["refresh_token"])

    body = introspect(http, client, tokens["refresh_token"], token_type_hint="refresh_token").get_json()

    assert body == {"active": False}


def test_revoked_access_token_is_inactive__rfc7662_2_2(http, client, tokens):
    revoke(http, client, tokens["access_token"])

    assert introspect(http, client, tokens["access_token"]).get_json() == {"active": False}


def test_expired_access_token_is_inactive__rfc7662_2_2(app, http, client, tokens, clock):
    clock.advance(app.config["ACCESS_TOKEN_TTL_SECONDS"] + 1)

    assert introspect(http, client, tokens["access_token"]).get_json() == {"active": False}


def test_unknown_token_is_inactive__rfc7662_2_2(http, client):
    response = introspect(http, client, "not-a-token-we-issued")

    assert response.status_code == 200
    assert response.get_json() == {"active": False}


def test_another_clients_token_is_inactive__rfc7662_2_2(http, tokens, other_client):
    assert introspect(http, other_client, tokens["access_token"]).get_json() == {"active": False}


def test_introspection_ignores_an_unknown_hint__rfc7662_2_1(http, client, tokens):
    body = introspect(http, client, tokens["access_token"], token_type_hint="id_token").get_json()

    assert body["active"] is True


def test_introspection_without_client_authentication_is_401__rfc7662_2_1(http, tokens):
    response = http.post("/introspect", data={"token": tokens["access_token"]})

    assert_oauth_error(response, "invalid_client", status=401)


def test_introspection_with_a_bad_secret_is_401__rfc7662_2_1(http, client, tokens):
    response = http.post("/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, "wrong"))

    assert_oauth_error(response, "invalid_client", status=401)


def test_public_client_id_alone_does_not_authorize_introspection__rfc7662_2_1(http, make_client, tokens):
    # "the endpoint MUST also require some form of authorization": a public
    # client_id is known to everyone and proves nothing.
    public = make_client(name="Aplikasi", auth_method="none")

    response = http.post("/introspect", data={"token": tokens["access_token"], "client_id": public.client_id})

    assert_oauth_error(response, "invalid_client", status=401)
