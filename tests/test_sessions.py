"""Citizen sign-in sessions end after the idle timeout and the absolute lifetime."""

import time

from tests.conftest import sign_in
from tests.oidc.flows import PHONE


def move_clock(monkeypatch, seconds):
    later = time.time() + seconds
    monkeypatch.setattr(time, "time", lambda: later)


def signed_in(http):
    return http.get("/account/").status_code == 200


def test_session_ends_after_the_idle_timeout(http, app, monkeypatch):
    sign_in(http, PHONE)
    move_clock(monkeypatch, app.config["SESSION_IDLE_TIMEOUT_SECONDS"] + 1)
    assert not signed_in(http)


def test_activity_keeps_the_session_alive(http, app, monkeypatch):
    sign_in(http, PHONE)
    step = app.config["SESSION_IDLE_TIMEOUT_SECONDS"] // 2
    start = time.time()
    for hop in range(1, 4):
        monkeypatch.setattr(time, "time", lambda hop=hop: start + hop * step)
        assert signed_in(http)


def test_session_ends_after_the_absolute_lifetime_even_when_active(http, app, monkeypatch):
    sign_in(http, PHONE)
    step = app.config["SESSION_IDLE_TIMEOUT_SECONDS"] // 2
    start = time.time()
    hops = app.config["SESSION_ABSOLUTE_TTL_SECONDS"] // step + 1
    alive = True
    for hop in range(1, hops + 1):
        monkeypatch.setattr(time, "time", lambda hop=hop: start + hop * step)
        alive = signed_in(http)
    assert not alive
