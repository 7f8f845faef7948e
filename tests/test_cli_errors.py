"""Finding 13: every operator command fails with one line, never a traceback.

Bad input is covered per command (tests/test_cli.py, tests/staff/); these are the
failures every command shares: a database without tables, an unreachable one,
and settings the app refuses to start with (config.ConfigurationError).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import ProgrammingError

from config import TestConfig
from idp import create_app
from idp.cli_errors import explain

REPO_ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [("clients", "list"), ("keys", "list"), ("staff", "list"), ("purge",)]


def invoke_on(database_url, *args):
    """Run a command on an app of its own (the suite's app context would otherwise win)."""

    class Fresh(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        DEV_OUTBOX_ENABLED = True

    app = create_app(Fresh)
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


@pytest.mark.parametrize("command", COMMANDS)
def test_finding_13_a_database_without_tables_says_run_db_upgrade_first(tmp_path, command):
    result = invoke_on(f"sqlite:///{tmp_path / 'fresh.db'}", *command)

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # click's one-line error, not an uncaught exception
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: the database has no JAKI ID tables yet (no such table:")
    assert line.endswith("run `flask --app wsgi db upgrade` first")


def test_finding_13_a_database_that_cannot_be_opened_is_one_line(tmp_path):
    result = invoke_on(f"sqlite:///{tmp_path / 'no-such-dir' / 'jaki.db'}", "clients", "list")

    assert result.exit_code == 1
    assert result.output.strip() == "Error: cannot use the database (DATABASE_URL): unable to open database file"


def test_finding_13_postgresql_undefined_table_is_recognised_by_its_sqlstate():
    class UndefinedTable(Exception):
        sqlstate = "42P01"

    error = ProgrammingError("SELECT", {}, UndefinedTable('relation "client" does not exist'))

    assert explain(error) == (
        'the database has no JAKI ID tables yet (relation "client" does not exist): '
        "run `flask --app wsgi db upgrade` first"
    )


def flask_command(*args, **settings):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "JAKI_", "DEV_OUTBOX", "SMS_"))}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=REPO_ROOT,
        env=env | settings,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"JAKI_ENV": "production"}, "Error: Refusing to start in production: SECRET_KEY is the development value"),
        ({"DEV_OUTBOX_ENABLED": ""}, "Error: Refusing to start: SMS_BACKEND is the development outbox"),
        ({"DEV_OUTBOX_ENABLED": "1", "OTP_TTL_SECONDS": "soon"}, "Error: OTP_TTL_SECONDS must be a whole number"),
    ],
)
def test_finding_13_a_refusal_to_start_is_one_line_under_the_flask_command(settings, message):
    result = flask_command("keys", "list", **settings)

    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(message)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_wsgi_server_still_gets_the_refusal_as_an_exception():
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAKI_")} | {"JAKI_ENV": "production"}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 1
    assert "config.ConfigurationError: Refusing to start in production" in result.stderr
