"""Production refuses development secrets, keys and the SMS outbox."""

import pytest

from config import DEV_SECRET_KEY, TestConfig, check_production_safety
from idp import create_app

SAFE = {
    "ENV": "production",
    "SECRET_KEY": "s" * 40,
    "KEY_ENCRYPTION_KEY": "bm90LXRoZS1kZXYta2V5LW5vdC10aGUtZGV2LWtleSE=",
    "CLIENT_SECRET_PEPPER": "p" * 32,
    "PAIRWISE_SALT": "a" * 32,
    "SMS_BACKEND": "console",
    "ISSUER": "https://id.jakarta.go.id",
    "RATELIMIT_STORAGE_URI": "redis://redis.internal:6379/0",
}


def test_safe_production_config_passes():
    check_production_safety(SAFE)


@pytest.mark.parametrize(
    "name, value",
    [
        ("SECRET_KEY", DEV_SECRET_KEY),
        ("KEY_ENCRYPTION_KEY", TestConfig.KEY_ENCRYPTION_KEY),
        ("CLIENT_SECRET_PEPPER", TestConfig.CLIENT_SECRET_PEPPER),
        ("PAIRWISE_SALT", TestConfig.PAIRWISE_SALT),
        ("SMS_BACKEND", "outbox"),
        ("ISSUER", "http://id.jakarta.go.id"),
    ],
)
def test_production_refuses_development_values(name, value):
    with pytest.raises(RuntimeError, match=name):
        check_production_safety(SAFE | {name: value})


@pytest.mark.parametrize("seconds", [-1, 61])
def test_production_refuses_a_key_cache_period_outside_a_minute(seconds):
    # A revoked key (keys rotate --now) signs on in a worker until its copy is re-read.
    with pytest.raises(RuntimeError, match="KEYS_CACHE_SECONDS"):
        check_production_safety(SAFE | {"KEYS_CACHE_SECONDS": seconds})


def test_outbox_page_does_not_exist_with_a_real_backend():
    class Production(TestConfig):
        SMS_BACKEND = "console"

    app = create_app(Production)
    assert app.test_client().get("/_dev/outbox").status_code == 404


@pytest.mark.parametrize("seconds", [-1, 61])
def test_production_refuses_a_client_cache_period_outside_a_minute(seconds):
    # A client disabled elsewhere is still accepted by a worker until its copy is re-read.
    with pytest.raises(RuntimeError, match="CLIENTS_CACHE_SECONDS"):
        check_production_safety(SAFE | {"CLIENTS_CACHE_SECONDS": seconds})
