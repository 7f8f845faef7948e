"""`flask agencies token create|list|revoke`: an operator's initial access tokens
(flags and --json are stable)."""

import json

import pytest

from tests.registration.conftest import register


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def create(cli, *extra):
    return cli(
        "agencies", "token", "create", "--agency", "Dinas Perizinan", "--scopes", "openid profile",
        "--sector", "permits.example", "--expires-in", "30", *extra,
    )  # fmt: skip


def test_create_prints_the_token_once_and_it_registers_clients(cli, http):
    result = create(cli, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["agency"] == "Dinas Perizinan" and data["scopes"] == "openid profile"
    assert data["sector"] == "permits.example" and data["status"] == "active"
    assert register(http, data["initial_access_token"], scope="openid profile").status_code == 201
    listed = cli("agencies", "token", "list", "--json")
    assert data["initial_access_token"] not in listed.stdout
    assert json.loads(listed.stdout)[0]["clients_registered"] == 1


def test_revoke_stops_registrations(cli, http):
    data = json.loads(create(cli, "--json").stdout)
    result = cli("agencies", "token", "revoke", str(data["id"]))
    assert result.exit_code == 0 and "revoked" in result.output
    assert register(http, data["initial_access_token"]).status_code == 401
    assert "revoked" in cli("agencies", "token", "list").output
    again = cli("agencies", "token", "revoke", str(data["id"]))
    assert again.exit_code != 0 and "already revoked" in again.output


def test_revoking_an_unknown_token_fails_clearly(cli):
    result = cli("agencies", "token", "revoke", "999")
    assert result.exit_code != 0 and "no initial access token with id 999" in result.output


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (("--scopes", "profile"), "scopes must include openid"),
        (("--scopes", "openid email"), "unknown: ['email']"),
        (("--sector", "https://permits.example/"), "the sector must be a host name"),
        (("--expires-in", "0"), "expires-in must be 1 to 365 days"),
        (("--expires-in", "400"), "expires-in must be 1 to 365 days"),
        (("--agency", " "), "agency name"),
    ],
)
def test_bad_arguments_fail_clearly_and_issue_nothing(cli, extra, says):
    result = create(cli, *extra)
    assert result.exit_code != 0 and says in result.output
    assert json.loads(cli("agencies", "token", "list", "--json").stdout) == []
