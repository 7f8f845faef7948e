"""A service ends its sign-in when JAKI ID's session ends (Back-Channel Logout 1.0),
checking the logout token as §2.6 says."""

import pytest

from tests.clients.signin_helpers import sign_in


@pytest.fixture
def app(make_app):
    return make_app("permits")


@pytest.fixture
def http(app):
    return app.test_client()


@pytest.fixture
def client(app, jaki):
    return jaki.clients[app.config["JAKI_CLIENT_ID"]]


def provider_posts(app, token):
    """The provider's POST: its own connection, no cookie of the citizen's."""
    return app.test_client().post("/backchannel-logout", data={"logout_token": token})


def signed_in(http):
    return http.get("/applications/new").status_code == 200


def test_a_valid_logout_token_ends_the_sign_in__section_2_6(app, http, jaki, client):
    sign_in(http)
    assert signed_in(http)
    response = provider_posts(app, jaki.logout_token(client))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert not signed_in(http)
    with http.session_transaction() as session:
        assert "sign_in" not in session


def test_a_token_for_another_session_leaves_this_one(app, http, jaki, client):
    sign_in(http)
    assert provider_posts(app, jaki.logout_token(client, sid="another-session")).status_code == 200
    assert signed_in(http)


def test_a_token_naming_only_the_citizen_ends_their_earlier_sign_ins(app, http, jaki, client):
    sign_in(http)
    assert provider_posts(app, jaki.logout_token(client, sid=None)).status_code == 200
    assert not signed_in(http)


@pytest.mark.parametrize(
    "claims, header",
    [
        ({"aud": "someone-else"}, None),
        ({"iss": "https://evil.example"}, None),
        ({"nonce": "n"}, None),  # §2.4: MUST NOT carry a nonce
        ({"events": None}, None),
        ({"events": {"http://schemas.openid.net/event/other": {}}}, None),
        ({"sid": None, "sub": None}, None),
        ({"jti": None}, None),
        ({"exp": 1000, "iat": 900}, None),
        ({}, {"typ": "JWT"}),  # an ID token is no logout token
    ],
)
def test_an_invalid_logout_token_is_refused_and_changes_nothing(app, http, jaki, client, claims, header):
    sign_in(http)
    response = provider_posts(app, jaki.logout_token(client, header=header, **claims))
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_request"
    assert signed_in(http)


def test_a_token_signed_by_another_key_is_refused(app, http, jaki, client):
    sign_in(http)
    real_key = jaki.signing_key
    from joserfc.jwk import RSAKey

    jaki.signing_key = RSAKey.generate_key(2048)
    try:
        token = jaki.logout_token(client)
    finally:
        jaki.signing_key = real_key
    assert provider_posts(app, token).status_code == 400
    assert signed_in(http)


def test_a_replayed_token_is_refused(app, jaki, client):
    token = jaki.logout_token(client)
    assert provider_posts(app, token).status_code == 200
    assert provider_posts(app, token).status_code == 400


def test_a_missing_token_is_refused(app):
    assert app.test_client().post("/backchannel-logout", data={}).status_code == 400
