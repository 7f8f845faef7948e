"""`flask staff ...`: create (password typed twice, TOTP secret shown once), list, disable, reset-totp."""

import json
import re

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import StaffMember, StaffSession
from idp.staff import accounts
from idp.staff.passwords import check_password
from idp.staff.totp import decrypt
from tests.staff.conftest import PASSWORD, staff_sign_in


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=list(args), input=input)

    return invoke


def create(cli, username="ani", role="operator", password=PASSWORD):
    return cli("staff", "create", "--username", username, "--role", role, "--password-stdin", input=password + "\n")


def staff_count():
    return db.session.scalar(select(func.count()).select_from(StaffMember))


def open_sessions(staff):
    return db.session.scalar(
        select(func.count())
        .select_from(StaffSession)
        .where(StaffSession.staff_member_id == staff.id, StaffSession.ended_at.is_(None))
    )


def test_create_prints_the_provisioning_uri_and_the_secret(cli):
    result = create(cli)
    assert result.exit_code == 0, result.output
    secret = decrypt(accounts.find("ani").totp_secret_encrypted)
    uri = re.search(r"otpauth://\S+", result.output).group()
    assert f"secret={secret}" in uri and "issuer=JAKI%20ID%20Staff" in uri
    assert " ".join(re.findall(".{4}", secret)) in result.output


def test_create_never_prints_the_password(cli):
    assert PASSWORD not in create(cli).output


def test_create_prompts_for_the_password_twice(cli):
    result = cli("staff", "create", "--username", "ani", "--role", "auditor", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert check_password(accounts.find("ani"), PASSWORD)


def test_create_refuses_two_different_passwords(cli):
    result = cli("staff", "create", "--username", "ani", "--role", "auditor", input=f"{PASSWORD}\n{PASSWORD}x\n")
    assert result.exit_code != 0
    assert staff_count() == 0


def test_create_stores_the_username_in_lowercase(cli):
    create(cli, username="Ani.Wijaya")
    assert db.session.scalar(select(StaffMember.username)) == "ani.wijaya"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"password": "short-pass"}, "at least 12 characters"),
        ({"password": "zzzzzzzzzzzzzzzz"}, "must not repeat one character"),
        ({"username": "ani.wijaya.sari", "password": "Ani.Wijaya.Sari"}, "must not be the username"),
        ({"role": "admin"}, "'admin' is not one of"),
        ({"username": "ab"}, "3 to 32 characters"),
        ({"username": "+6281234567890"}, "starting with a letter"),
        ({"username": "ani wijaya"}, "3 to 32 characters"),
    ],
)
def test_bad_input_fails_clearly_and_writes_nothing(cli, arguments, message):
    result = create(cli, **arguments)
    assert result.exit_code != 0
    assert message in result.output
    assert staff_count() == 0


def test_a_taken_username_is_refused(cli):
    create(cli)
    result = create(cli, username="ANI", role="auditor")
    assert result.exit_code != 0
    assert "is taken" in result.output
    assert staff_count() == 1


def test_list_shows_each_staff_member_and_role(cli):
    create(cli, username="ani")
    create(cli, username="budi", role="auditor")
    rows = json.loads(cli("staff", "list", "--json").stdout)
    assert [(row["username"], row["role"], row["disabled"]) for row in rows] == [
        ("ani", "operator", False),
        ("budi", "auditor", False),
    ]


def test_disable_ends_open_sessions(cli, http, make_staff):
    staff = make_staff()
    staff_sign_in(http, staff)
    result = cli("staff", "disable", "ani")
    assert result.exit_code == 0, result.output
    assert open_sessions(staff) == 0
    assert http.get("/staff/").status_code == 302


def test_reset_totp_replaces_the_secret_and_ends_open_sessions(cli, http, make_staff):
    staff = make_staff()
    staff_sign_in(http, staff)
    result = cli("staff", "reset-totp", "ani")
    assert result.exit_code == 0, result.output
    db.session.refresh(staff)
    new_secret = decrypt(staff.totp_secret_encrypted)
    assert new_secret != staff.totp_secret and f"secret={new_secret}" in result.output
    assert open_sessions(staff) == 0


@pytest.mark.parametrize("command", ["disable", "reset-totp"])
def test_unknown_username_is_an_error(cli, command):
    result = cli("staff", command, "nobody")
    assert result.exit_code != 0
    assert "no staff member named 'nobody'" in result.output
