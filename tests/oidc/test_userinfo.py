"""UserInfo (OIDC Core 5.3, RFC 6750 §2.1 and §3)."""

from tests.oidc.flows import id_claims, tokens_for


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_get_returns_the_claims_of_the_granted_scopes(http, make_client):
    tokens = tokens_for(http, make_client(), scope="openid profile")
    claims = http.get("/userinfo", headers=bearer(tokens["access_token"])).get_json()
    assert set(claims) == {"sub", "name", "birthdate", "locale", "updated_at"}
    assert claims["sub"] == id_claims(tokens)["sub"]


def test_post_with_header_works(http, make_client):
    tokens = tokens_for(http, make_client())
    response = http.post("/userinfo", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200
    assert response.get_json()["phone_number"] == "+6281234567890"


def test_token_in_the_query_is_refused(http, make_client):
    tokens = tokens_for(http, make_client())
    response = http.get("/userinfo", query_string={"access_token": tokens["access_token"]})
    assert response.status_code == 400
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_no_token_gets_a_bearer_challenge(http):
    response = http.get("/userinfo")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="userinfo"'


def test_unknown_token_is_invalid_token(http):
    response = http.get("/userinfo", headers=bearer("nope"))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_expired_token_is_invalid_token(http, make_client, clock):
    tokens = tokens_for(http, make_client())
    clock.advance(3601)
    response = http.get("/userinfo", headers=bearer(tokens["access_token"]))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_userinfo_is_not_cached(http, make_client):
    tokens = tokens_for(http, make_client())
    assert http.get("/userinfo", headers=bearer(tokens["access_token"])).headers["Cache-Control"] == "no-store"
