"""Fixtures for the operations tests: a store out of reach, and the metrics token."""

import pytest
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from idp import create_app
from idp.extensions import limiter
from tests.conftest import BrowserClient, Config

NOWHERE = "127.0.0.1:1"  # nothing listens there: connections are refused at once
METRICS_TOKEN = "metrics-token-" + "m" * 32


@pytest.fixture
def redis_down(monkeypatch):
    storage = RedisStorage(f"redis://{NOWHERE}/0")
    monkeypatch.setattr(limiter, "_storage", storage)
    monkeypatch.setattr(limiter, "_limiter", MovingWindowRateLimiter(storage))


@pytest.fixture
def database_down():
    class Unreachable(Config):
        SQLALCHEMY_DATABASE_URI = f"postgresql://postgres@{NOWHERE}/jaki"
        SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"connect_timeout": 2}}

    app = create_app(Unreachable)
    app.test_client_class = BrowserClient
    return app.test_client()


@pytest.fixture
def metrics_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", METRICS_TOKEN)
    return METRICS_TOKEN
