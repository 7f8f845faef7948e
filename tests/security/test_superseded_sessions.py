"""Finding 4 of issue 8: tokens outlived the sign-in session they were issued in.

Signing in again on the same browser ended the earlier session without revoking
its tokens, and "sign out everywhere" and a phone change revoked only the tokens
of sessions still live, so an old refresh token kept working (and saw the new
number). Now a superseded session's tokens are revoked with it, and those two
revoke by citizen: every token of theirs (a phone change keeps only the tokens
of the session that made it). Siblings: a code issued just before a sign-out,
and a refresh racing one, got tokens bound to the ended session; now tokens are
saved only in a transaction that finds the session live and holds its row.
"""

import threading

import pytest
from sqlalchemy import func, select, update

from idp.clock import now
from idp.extensions import db
from idp.models import BrowserSession, Token
from tests.account.test_phone_change import NEW_E164, PHONE, change_to
from tests.conftest import AuthRequest, csrf_of, post_form, sign_in
from tests.oidc.flows import assert_oauth_error, full_flow, refresh, tokens_for, userinfo

ROUNDS = 25


def assert_dead(http, client, tokens):
    assert userinfo(http, tokens["access_token"]).status_code == 401
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def live_tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(Token).where(Token.revoked_at.is_(None)))


def end_sessions_as_before_this_fix():
    """Sessions superseded before this release: ended, their tokens left alive."""
    db.session.execute(update(BrowserSession).values(ended_at=now()))
    db.session.commit()


def test_finding_4_signing_in_again_revokes_the_earlier_sessions_tokens(http, make_client, clock):
    client = make_client()
    earlier = tokens_for(http, client)
    clock.advance(30)
    tokens_for(http, AuthRequest(client, prompt="login"))
    assert_dead(http, client, earlier)


def test_finding_4_another_citizen_signing_in_on_this_browser_revokes_the_first_ones_tokens(http, make_client):
    client = make_client()
    first = tokens_for(http, client, phone="081111111111")
    tokens_for(http, AuthRequest(client, prompt="login"), phone="082222222222")
    assert_dead(http, client, first)


def test_finding_4_signing_in_after_a_timeout_revokes_the_timed_out_sessions_tokens(http, app, make_client, clock):
    client = make_client()
    earlier = tokens_for(http, client)
    clock.advance(app.config["SESSION_IDLE_TIMEOUT_SECONDS"] + 1)
    tokens_for(http, client)
    assert_oauth_error(refresh(http, client, earlier["refresh_token"]), "invalid_grant")


def test_finding_4_sign_out_everywhere_revokes_tokens_of_sessions_ended_earlier(http, app, make_client):
    client = make_client()
    earlier = tokens_for(app.test_client(), client, phone=PHONE)
    end_sessions_as_before_this_fix()
    sign_in(http, PHONE)
    post_form(http, "/account/sessions/end-all", {})
    assert_dead(http, client, earlier)


def test_finding_4_a_phone_change_revokes_tokens_of_sessions_ended_earlier(http, app, make_client):
    client = make_client()
    earlier = tokens_for(app.test_client(), client, phone=PHONE)
    end_sessions_as_before_this_fix()
    sign_in(http, PHONE)
    change_to(http)
    response = userinfo(http, earlier["access_token"])
    assert response.status_code == 401 and NEW_E164 not in response.get_data(as_text=True)
    assert_oauth_error(refresh(http, client, earlier["refresh_token"]), "invalid_grant")


def test_finding_4_a_phone_change_keeps_the_tokens_of_the_session_that_made_it(http, app, make_client):
    client = make_client()
    elsewhere = tokens_for(app.test_client(), client, phone=PHONE)
    here = tokens_for(http, client, phone=PHONE)
    change_to(http)
    assert userinfo(http, here["access_token"]).get_json()["phone_number"] == NEW_E164
    assert refresh(http, client, here["refresh_token"]).status_code == 200
    assert_dead(http, client, elsewhere)


# --- Siblings: tokens issued for a session after it ended -----------------------------


def test_finding_4_a_code_redeemed_after_its_session_ended_gets_no_tokens(http, make_client):
    auth = AuthRequest(make_client())
    code = full_flow(http, auth)["code"]
    post_form(http, "/account/sessions/end-all", {})
    assert_oauth_error(auth.token_request(http, code), "invalid_grant")
    assert live_tokens() == 0


def test_finding_4_a_refresh_for_a_session_ended_before_this_fix_is_refused(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    end_sessions_as_before_this_fix()
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def test_finding_4_a_sign_out_racing_a_redemption_leaves_no_live_token_on_postgresql(app, make_client):
    """Real parallel connections: the sign-out and the token request of a code
    issued just before it, many rounds; whichever is first, no token stays alive."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite in memory shares one connection")
    client = make_client()
    for round_number in range(ROUNDS):
        browser = app.test_client()
        auth = AuthRequest(client)
        code = full_flow(browser, auth, phone=f"0812{round_number:08d}")["code"]
        browser.get("/account/sessions")  # the page with the form, and its CSRF token
        start = threading.Barrier(2, timeout=10)

        def redeem(auth=auth, code=code, start=start):
            token_client = app.test_client()
            start.wait()
            auth.token_request(token_client, code)

        def sign_out(browser=browser, start=start):
            start.wait()
            browser.post("/account/sessions/end-all", data={"csrf_token": csrf_of(browser)})

        threads = [threading.Thread(target=redeem), threading.Thread(target=sign_out)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert live_tokens() == 0, f"round {round_number}"
