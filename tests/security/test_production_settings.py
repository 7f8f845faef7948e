"""Finding 7: production refuses unsafe settings at start-up, each with a message naming it.

Beyond the development values (tests/test_config.py): per-worker rate-limit storage,
short secrets, a key-encryption key Fernet cannot use, an SMS backend that does not
exist, and settings that would fail later (issuer, lifetimes, limits, key rotation).
"""

import os
import subprocess
import sys

import pytest

from config import check_production_safety
from tests.test_config import SAFE


def refused(**settings) -> str:
    with pytest.raises(RuntimeError) as refusal:
        check_production_safety(SAFE | settings)
    return str(refusal.value)


@pytest.mark.parametrize("uri", ["memory://", "", None])
def test_finding_7_per_worker_rate_limit_storage_is_refused(uri):
    assert "RATELIMIT_STORAGE_URI" in refused(RATELIMIT_STORAGE_URI=uri)


def test_finding_7_an_in_memory_fallback_is_refused():
    assert "RATELIMIT_IN_MEMORY_FALLBACK" in refused(RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True)


@pytest.mark.parametrize("name", ["SECRET_KEY", "CLIENT_SECRET_PEPPER", "PAIRWISE_SALT"])
@pytest.mark.parametrize("value", ["", "x", "k" * 31, None])
def test_finding_7_short_secrets_are_refused(name, value):
    assert f"{name} must be at least 32" in refused(**{name: value})


@pytest.mark.parametrize(
    "value", ["", "not a key", "c2hvcnQ=", "bm90LXRoZS1kZXYta2V5LW5vdC10aGUtZGV2LWtleSE", "%" * 44, None]
)
def test_finding_7_a_key_encryption_key_fernet_cannot_use_is_refused(value):
    assert "KEY_ENCRYPTION_KEY is not a Fernet key" in refused(KEY_ENCRYPTION_KEY=value)


@pytest.mark.parametrize("value", ["pigeon", "HTTP", "", None])
def test_finding_7_an_unknown_sms_backend_is_refused(value):
    assert "SMS_BACKEND" in refused(SMS_BACKEND=value)


def test_finding_7_the_http_backend_without_its_url_is_refused():
    assert "SMS_GATEWAY_URL is not set" in refused(SMS_BACKEND="http", SMS_GATEWAY_URL="")


@pytest.mark.parametrize(
    "issuer", ["https://id.jakarta.go.id/", "https://id.jakarta.go.id?x=1", "https://id.jakarta.go.id#f", "https://"]
)
def test_finding_7_an_issuer_that_is_not_a_plain_https_url_is_refused_discovery_3(issuer):
    assert "ISSUER" in refused(ISSUER=issuer)


def test_finding_7_an_issuer_with_a_path_is_allowed_discovery_4():
    check_production_safety(SAFE | {"ISSUER": "https://jakarta.go.id/id"})


@pytest.mark.parametrize(
    "name, value",
    [("ACCESS_TOKEN_TTL_SECONDS", 0), ("OTP_TTL_SECONDS", -5), ("SESSION_IDLE_TIMEOUT_SECONDS", "3600"),
     ("CLOCK_SKEW_SECONDS", -1), ("SMS_GATEWAY_TIMEOUT_SECONDS", 0.0)],
)  # fmt: skip
def test_finding_7_lifetimes_must_be_positive(name, value):
    assert name in refused(**{name: value})


def test_finding_7_a_zero_clock_skew_and_a_fractional_timeout_are_allowed():
    check_production_safety(SAFE | {"CLOCK_SKEW_SECONDS": 0, "SMS_GATEWAY_TIMEOUT_SECONDS": 0.5})


@pytest.mark.parametrize("name", ["OTP_PER_IP_LIMIT", "AUTHORIZE_PER_IP_LIMIT", "SECOND_FACTOR_FAILURE_LIMIT"])
def test_finding_7_a_rate_limit_that_does_not_parse_is_refused(name):
    assert name in refused(**{name: "five a minute"})


@pytest.mark.parametrize("name", ["OTP_MAX_ATTEMPTS", "SMS_GATEWAY_ATTEMPTS", "SMS_DAILY_BUDGET"])
def test_finding_7_counts_must_be_positive(name):
    assert name in refused(**{name: 0})


def test_finding_7_a_key_rollover_shorter_than_the_jwks_cache_is_refused():
    assert "KEY_ROLLOVER_SECONDS" in refused(KEY_ROLLOVER_SECONDS=60)


def test_finding_7_a_retired_key_must_outlive_the_id_tokens_it_signed():
    refusal = refused(KEY_RETIREMENT_GRACE_SECONDS=600, ID_TOKEN_TTL_SECONDS=3600)
    assert "KEY_RETIREMENT_GRACE_SECONDS" in refusal


def test_finding_7_every_problem_is_named_at_once():
    refusal = refused(RATELIMIT_STORAGE_URI="memory://", SECRET_KEY="x", SMS_BACKEND="pigeon")
    assert "RATELIMIT_STORAGE_URI" in refusal and "SECRET_KEY" in refusal and "SMS_BACKEND" in refusal


def test_finding_7_a_number_setting_that_is_not_a_number_names_itself():
    env = {**os.environ, "OTP_TTL_SECONDS": "five minutes"}
    result = subprocess.run([sys.executable, "-c", "import config"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "OTP_TTL_SECONDS must be a whole number" in result.stderr
