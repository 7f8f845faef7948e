"""Fixtures shared by the protocol tests."""

import time

import pytest


@pytest.fixture
def clock(monkeypatch):
    """Move time forward without sleeping: everything reads time.time()."""

    class Clock:
        offset_seconds = 0

        def advance(self, seconds):
            self.offset_seconds += seconds

    clock = Clock()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + clock.offset_seconds)
    return clock


@pytest.fixture
def client(make_client):
    return make_client()
