"""Citizen sign-in sessions end after the idle timeout and the absolute lifetime."""

from tests.conftest import sign_in
from tests.oidc.flows import PHONE


def signed_in(http):
    return http.get("/account/").status_code == 200


def test_session_ends_after_the_idle_timeout(http, app, clock):
    sign_in(http, PHONE)
    clock.advance(app.config["SESSION_IDLE_TIMEOUT_SECONDS"] + 1)
    assert not signed_in(http)


def test_activity_keeps_the_session_alive(http, app, clock):
    sign_in(http, PHONE)
    step = app.config["SESSION_IDLE_TIMEOUT_SECONDS"] // 2
    for _ in range(3):
        clock.advance(step)
        assert signed_in(http)


def test_session_ends_after_the_absolute_lifetime_even_when_active(http, app, clock):
    sign_in(http, PHONE)
    step = app.config["SESSION_IDLE_TIMEOUT_SECONDS"] // 2
    hops = app.config["SESSION_ABSOLUTE_TTL_SECONDS"] // step + 1
    alive = True
    for _ in range(hops):
        clock.advance(step)
        alive = signed_in(http)
    assert not alive
