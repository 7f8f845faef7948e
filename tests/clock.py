"""The `clock` fixture: time stands still during the test until the test moves it.

    def test_code_expires(http, clock):
        ...
        clock.advance(301)          # or clock.set(timestamp)

idp/clock.py is where the app reads the time, but time.time() has other readers
that must agree with it: Flask-Limiter's storage (`limits`) stamps its moving
windows with it, in memory and in Redis alike (the Lua scripts compare the
timestamps we send, not Redis' clock); joserfc and Authlib check JWT iat/exp
with it; pyotp reads it when given no time. So the fixture replaces time.time
itself, and idp/clock.py reads it at every call: all of them see one moment.

One clock it cannot move: Redis expires keys (EXPIRE) by its own. Moving windows
do not mind, as they judge entries by the timestamps stored in them, but a plain
counter with an expiry (the `jti` replay cache, idp/protocol/replay.py) is
forgotten when the clock moves past its expiry with memory://, not with Redis.

Registered for every test by `pytest_plugins` in tests/conftest.py.
"""

import time

import pytest


class Clock:
    """A time.time() that returns `now`: the moment the fixture was made, then
    wherever the test moves it. Frozen, so waits and windows come out exact."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def set(self, timestamp: float) -> None:
        self.now = float(timestamp)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(time.time())
    monkeypatch.setattr(time, "time", clock.time)
    return clock
