"""Finding 16: publishing codes (the dev outbox) is an explicit opt-in, not a side
effect of forgetting JAKI_ENV=production."""

import os
import subprocess
import sys

import pytest

from config import TestConfig, check_production_safety
from demo.stack import provider_environment
from idp import create_app
from idp.phone_otp.sms import BACKENDS

PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": "s" * 40,
    "KEY_ENCRYPTION_KEY": "bm90LXRoZS1kZXYta2V5LW5vdC10aGUtZGV2LWtleSE=",
    "CLIENT_SECRET_PEPPER": "p" * 40,
    "PAIRWISE_SALT": "a" * 40,
    "SMS_BACKEND": "console",
    "ISSUER": "https://id.jakarta.go.id",
    "RATELIMIT_STORAGE_URI": "redis://redis.internal:6379/0",
}


def test_finding_16_the_opt_in_is_off_unless_the_environment_asks_for_it():
    script = "import config; print(config.Config.DEV_OUTBOX_ENABLED, config.Config.ENV)"
    env = {k: v for k, v in os.environ.items() if k not in ("DEV_OUTBOX_ENABLED", "JAKI_ENV")}
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    # JAKI_ENV forgotten: "development", and still nothing is published.
    assert output.stdout.split() == ["False", "development"]


def test_finding_16_the_outbox_backend_without_the_opt_in_refuses_to_start():
    class Forgotten(TestConfig):
        ENV = "development"
        SMS_BACKEND = "outbox"
        DEV_OUTBOX_ENABLED = False

    with pytest.raises(RuntimeError, match="DEV_OUTBOX_ENABLED"):
        create_app(Forgotten)


def test_finding_16_production_refuses_the_opt_in():
    with pytest.raises(RuntimeError, match="DEV_OUTBOX_ENABLED"):
        check_production_safety(PRODUCTION | {"DEV_OUTBOX_ENABLED": True})


def test_finding_16_the_console_shows_no_code_without_the_opt_in(capsys):
    BACKENDS["console"]({"ENV": "development"}).send("+6281234567890", "123456 adalah kode JAKI ID Anda.", "123456")
    printed = capsys.readouterr().out
    assert "123456" not in printed and "+6281234567890" not in printed


def test_finding_16_the_demo_stack_opts_in(tmp_path):
    assert provider_environment(tmp_path, "http://localhost:5000")["DEV_OUTBOX_ENABLED"] == "1"


def test_finding_16_the_tests_read_codes_at_the_outbox_as_before(http):
    assert http.get("/_dev/outbox").status_code == 200
