"""The token endpoint with the authorization_code grant (RFC 6749 §4.1.3, §5;
RFC 7636; RFC 9700 §2.1.1, §4.8).

Every error must be a JSON body with `Cache-Control: no-store` and an
`error_description` drawn from the characters RFC 6749 §5.2 allows.
"""

import base64
import re
import threading

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from idp.extensions import db
from idp.grants import code as grants
from idp.models import Token
from idp.security import digest
from tests.conftest import REDIRECT_URI, AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow, refresh

OTHER_REDIRECT_URI = "https://permits.example/other-callback"


# --- Helpers ------------------------------------------------------------------------


def get_code(http, auth: AuthRequest, citizen) -> str:
    return full_flow(http, auth, citizen.phone_number)["code"]


def redemption(auth: AuthRequest, code: str, **overrides) -> dict:
    """The form of a code redemption, without client credentials; None drops a field."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": auth.redirect_uri,
        "code_verifier": auth.verifier,
    } | overrides
    return {name: value for name, value in data.items() if value is not None}


def bearer(access_token: str) -> dict:
    return {"Authorization": f"Bearer {access_token}"}


@pytest.fixture
def citizen(make_citizen):
    return make_citizen()


@pytest.fixture
def auth(client):
    return AuthRequest(client)


# --- The token response (RFC 6749 §5.1) ----------------------------------------------


def test_token_response_has_bearer_tokens_scope_and_id_token__rfc6749_5_1(http, auth, citizen):
    response = auth.token_request(http, get_code(http, auth, citizen))

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    tokens = response.get_json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] > 0
    assert tokens["scope"] == "openid profile phone"
    assert tokens["access_token"] and tokens["refresh_token"] and tokens["id_token"]


def test_token_response_is_not_cached__rfc6749_5_1(http, auth, citizen):
    response = auth.token_request(http, get_code(http, auth, citizen))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Pragma"] == "no-cache"


def test_tokens_are_long_enough_for_256_bits__rfc6749_10_10(http, auth, citizen):
    tokens = auth.token_request(http, get_code(http, auth, citizen)).get_json()

    # 32 random bytes, base64url (idp/grants/server.py): 43 characters hold 256 bits.
    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", tokens["access_token"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", tokens["refresh_token"])
    assert tokens["access_token"] != tokens["refresh_token"]


def test_only_digests_of_tokens_are_stored__rfc6749_10_3(http, auth, citizen):
    tokens = auth.token_request(http, get_code(http, auth, citizen)).get_json()

    row = db.session.scalar(select(Token))
    stored = {column.name: getattr(row, column.name) for column in Token.__table__.columns}
    for name in ("access_token", "refresh_token"):
        assert tokens[name] not in {str(value) for value in stored.values()}, name
    assert row.access_token_digest == digest(tokens["access_token"])
    assert row.refresh_token_digest == digest(tokens["refresh_token"])


def test_get_never_returns_a_token__rfc6749_3_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    credentials = (auth.client.client_id, auth.client.secret)

    response = http.get("/token", query_string=redemption(auth, code), auth=credentials)

    assert response.status_code == 405
    assert "access_token" not in response.get_data(as_text=True)
    # The refused GET did not burn the code.
    assert auth.token_request(http, code).status_code == 200


def test_unsupported_grant_type__rfc6749_5_2(http, client):
    response = http.post(
        "/token",
        data={"grant_type": "password", "username": "siti", "password": "rahasia"},
        auth=(client.client_id, client.secret),
    )

    assert_oauth_error(response, "unsupported_grant_type")


def test_missing_code_is_invalid_request__rfc6749_4_1_3(http, auth):
    response = auth.token_request(http, None)

    assert_oauth_error(response, "invalid_request")


def test_unknown_code_is_invalid_grant__rfc6749_5_2(http, auth):
    response = auth.token_request(http, "not-a-code-we-issued")

    assert_oauth_error(response, "invalid_grant")


def test_repeated_parameter_is_invalid_request__rfc6749_3_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    form = MultiDict(redemption(auth, code))
    form.add("code", "a-second-code")

    response = http.post("/token", data=form, auth=(auth.client.client_id, auth.client.secret))

    assert_oauth_error(response, "invalid_request")


def test_empty_parameter_counts_as_omitted__rfc6749_3_2(http, make_client, citizen):
    client = make_client(require_pkce=False)
    auth = AuthRequest(client, code_challenge=None, code_challenge_method=None)
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, code_verifier="")

    assert response.status_code == 200


# --- A code is single use (RFC 6749 §4.1.2, §10.5; RFC 9700 §4.2.1) ------------------


def test_reused_code_is_invalid_grant__rfc6749_4_1_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    assert auth.token_request(http, code).status_code == 200

    response = auth.token_request(http, code)

    assert_oauth_error(response, "invalid_grant")


def test_reused_code_revokes_the_access_token_it_issued__rfc6749_4_1_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    tokens = auth.token_request(http, code).get_json()
    assert http.get("/userinfo", headers=bearer(tokens["access_token"])).status_code == 200

    auth.token_request(http, code)

    response = http.get("/userinfo", headers=bearer(tokens["access_token"]))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_reused_code_revokes_the_refresh_token_it_issued__rfc6749_4_1_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    tokens = auth.token_request(http, code).get_json()

    auth.token_request(http, code)

    assert_oauth_error(refresh(http, auth.client, tokens["refresh_token"]), "invalid_grant")


def test_reused_code_revokes_tokens_refreshed_from_it__rfc6749_4_1_2(http, auth, citizen):
    code = get_code(http, auth, citizen)
    first = auth.token_request(http, code).get_json()
    second = refresh(http, auth.client, first["refresh_token"]).get_json()

    auth.token_request(http, code)

    assert http.get("/userinfo", headers=bearer(second["access_token"])).status_code == 401
    assert_oauth_error(refresh(http, auth.client, second["refresh_token"]), "invalid_grant")


def test_concurrent_redemptions_of_one_code_at_most_one_succeeds__rfc6749_4_1_2(app, http, auth, citizen, monkeypatch):
    """Both requests read the unused code before either consumes it: the race a
    read-then-delete implementation loses. A barrier holds each request between
    its read and its UPDATE until both have read. The code was presented twice,
    so the tokens, if the winner got any, are revoked (RFC 6749 §4.1.2; the
    interleavings: tests/security/test_code_reuse_race.py).

    On PostgreSQL the two requests then run truly in parallel on their own
    connections. SQLite in memory has a single shared connection (StaticPool)
    on which one session's rollback would undo the other's work, so there the
    requests continue one at a time after the barrier; the consumption still
    has to hold against a code both of them saw as unused.
    """
    code = get_code(http, auth, citizen)
    both_have_read = threading.Barrier(2, timeout=10)
    one_at_a_time = threading.Lock()
    serialize = db.engine.dialect.name == "sqlite"
    holder = threading.local()
    real_consume = grants.AuthorizationCodeGrant.consume

    def consume_when_both_have_read(grant, row):
        both_have_read.wait()
        if serialize:
            one_at_a_time.acquire()
            holder.lock = True
        return real_consume(grant, row)

    monkeypatch.setattr(grants.AuthorizationCodeGrant, "consume", consume_when_both_have_read)
    responses = []

    def redeem():
        try:
            with app.app_context():
                responses.append(auth.token_request(app.test_client(), code))
        finally:
            if getattr(holder, "lock", False):
                one_at_a_time.release()

    threads = [threading.Thread(target=redeem) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(response.status_code for response in responses) in ([200, 400], [400, 400])
    for response in responses:
        if response.status_code == 400:
            assert_oauth_error(response, "invalid_grant")
    live = select(Token).where(Token.code_id.is_not(None), Token.revoked_at.is_(None))
    assert db.session.scalars(live).all() == []


# --- The code is bound to its client, redirect_uri, lifetime and PKCE ------------------


def test_code_issued_to_another_client_is_invalid_grant__rfc6749_4_1_3(http, auth, citizen, make_client):
    code = get_code(http, auth, citizen)
    other = make_client(name="Pajak")

    response = AuthRequest(other).token_request(http, code, code_verifier=auth.verifier)

    assert_oauth_error(response, "invalid_grant")


def test_missing_redirect_uri_is_invalid_grant__rfc6749_4_1_3(http, auth, citizen):
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, redirect_uri=None)

    assert_oauth_error(response, "invalid_grant")


def test_different_redirect_uri_is_invalid_grant__rfc6749_4_1_3(http, make_client, citizen):
    # Both URIs are registered: only the one of the authorization request is accepted.
    client = make_client(redirect_uris=[REDIRECT_URI, OTHER_REDIRECT_URI])
    auth = AuthRequest(client)
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, redirect_uri=OTHER_REDIRECT_URI)

    assert_oauth_error(response, "invalid_grant")


def test_code_is_accepted_within_its_60_seconds__rfc6749_4_1_2(http, auth, citizen, clock):
    code = get_code(http, auth, citizen)
    clock.advance(59)

    assert auth.token_request(http, code).status_code == 200


def test_code_older_than_60_seconds_is_invalid_grant__rfc6749_4_1_2(http, auth, citizen, clock):
    code = get_code(http, auth, citizen)
    clock.advance(61)

    response = auth.token_request(http, code)

    assert_oauth_error(response, "invalid_grant")


def test_wrong_code_verifier_is_invalid_grant__rfc7636_4_6(http, auth, citizen):
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, code_verifier=AuthRequest(auth.client).verifier)

    assert_oauth_error(response, "invalid_grant")


def test_missing_code_verifier_is_invalid_grant__rfc7636_4_6(http, auth, citizen):
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, code_verifier=None)

    assert_oauth_error(response, "invalid_grant")


def test_code_verifier_without_challenge_is_invalid_grant__rfc9700_4_8_2(http, make_client, citizen):
    client = make_client(require_pkce=False)
    auth = AuthRequest(client, code_challenge=None, code_challenge_method=None)
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code)

    assert_oauth_error(response, "invalid_grant")


def test_code_without_challenge_is_redeemed_without_verifier__rfc6749_4_1_3(http, make_client, citizen):
    client = make_client(require_pkce=False)
    auth = AuthRequest(client, code_challenge=None, code_challenge_method=None)
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code, code_verifier=None)

    assert response.status_code == 200


# --- Client authentication (RFC 6749 §2.3, §3.2.1, §5.2) -------------------------------


def test_bad_client_secret_is_401_invalid_client_with_basic_challenge__rfc6749_5_2(http, auth, citizen):
    code = get_code(http, auth, citizen)

    response = http.post("/token", data=redemption(auth, code), auth=(auth.client.client_id, "wrong-secret"))

    assert_oauth_error(response, "invalid_client", status=401)
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_unknown_client_is_401_invalid_client__rfc6749_5_2(http, auth):
    response = http.post("/token", data=redemption(auth, "a-code"), auth=("nobody", "secret"))

    assert_oauth_error(response, "invalid_client", status=401)
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_two_authentication_methods_are_invalid_request__rfc6749_2_3(http, auth, citizen):
    code = get_code(http, auth, citizen)
    form = redemption(auth, code, client_id=auth.client.client_id, client_secret=auth.client.secret)

    response = http.post("/token", data=form, auth=(auth.client.client_id, auth.client.secret))

    assert_oauth_error(response, "invalid_request")
    assert auth.token_request(http, code).status_code == 200  # the refused request did not burn it


def test_basic_client_cannot_use_client_secret_post__rfc6749_2_3_1(http, auth, citizen):
    code = get_code(http, auth, citizen)
    form = redemption(auth, code, client_id=auth.client.client_id, client_secret=auth.client.secret)

    response = http.post("/token", data=form)

    assert_oauth_error(response, "invalid_client", status=401)


def test_post_client_cannot_use_client_secret_basic__rfc6749_2_3_1(http, make_client, citizen):
    client = make_client(auth_method="client_secret_post")
    auth = AuthRequest(client)
    code = get_code(http, auth, citizen)

    response = auth.token_request(http, code)  # HTTP Basic

    assert_oauth_error(response, "invalid_client", status=401)


def test_post_client_authenticates_with_client_secret_post__rfc6749_2_3_1(http, make_client, citizen):
    client = make_client(auth_method="client_secret_post")
    auth = AuthRequest(client)
    code = get_code(http, auth, citizen)
    form = redemption(auth, code, client_id=client.client_id, client_secret=client.secret)

    response = http.post("/token", data=form)

    assert response.status_code == 200


def test_public_client_redeems_with_client_id_and_code_verifier__rfc6749_3_2_1(http, make_client, citizen):
    client = make_client(auth_method="none")
    auth = AuthRequest(client)
    code = get_code(http, auth, citizen)

    response = http.post("/token", data=redemption(auth, code, client_id=client.client_id))

    assert response.status_code == 200
    assert response.get_json()["access_token"]


def test_public_client_without_code_verifier_is_invalid_grant__rfc7636_4_6(http, make_client, citizen):
    client = make_client(auth_method="none")
    auth = AuthRequest(client)
    code = get_code(http, auth, citizen)

    response = http.post("/token", data=redemption(auth, code, client_id=client.client_id, code_verifier=None))

    assert_oauth_error(response, "invalid_grant")


def test_confidential_client_without_credentials_is_invalid_client__rfc6749_3_2_1(http, auth, citizen):
    code = get_code(http, auth, citizen)

    response = http.post("/token", data=redemption(auth, code, client_id=auth.client.client_id))

    assert_oauth_error(response, "invalid_client", status=401)


def test_failed_client_authentication_does_not_burn_the_code__rfc6749_3_2_1(http, auth, citizen):
    code = get_code(http, auth, citizen)
    http.post("/token", data=redemption(auth, code), auth=(auth.client.client_id, "wrong-secret"))

    assert auth.token_request(http, code).status_code == 200


@pytest.mark.parametrize("endpoint", ["/token", "/revoke", "/introspect"])
@pytest.mark.parametrize("credentials", [b"\xff\xfe:\xff", b"not base64 at all!"])
def test_unreadable_basic_credentials_are_invalid_client_not_a_crash(http, endpoint, credentials):
    value = base64.b64encode(credentials).decode() if credentials.startswith(b"\xff") else credentials.decode()
    response = http.post(
        endpoint,
        data={"token": "x", "grant_type": "authorization_code", "code": "x"},
        headers={"Authorization": f"Basic {value}"},
    )
    assert response.status_code == 401
    assert response.get_json()["error"] == "invalid_client"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Basic" in response.headers["WWW-Authenticate"]


def test_a_wrong_verifier_neither_burns_the_code_nor_counts_as_reuse(http, auth, citizen):
    # Someone holding a leaked code but not the verifier cannot make the real
    # client's redemption fail, nor get its tokens revoked.
    code = get_code(http, auth, citizen)
    assert_oauth_error(auth.token_request(http, code, code_verifier=AuthRequest(auth.client).verifier), "invalid_grant")
    assert auth.token_request(http, code).status_code == 200


@pytest.mark.parametrize("verifier", ["a" * 42, "a" * 129, "a" * 42 + "!"])
def test_malformed_code_verifier_is_refused_rfc7636_4_1(http, auth, citizen, verifier):
    code = get_code(http, auth, citizen)
    assert_oauth_error(auth.token_request(http, code, code_verifier=verifier), "invalid_grant")
