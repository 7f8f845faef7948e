"""`flask staff ...`: create and manage operator and auditor accounts.

Secrets are printed once: the password is never shown, and the
authenticator secret only at `create` and `reset-totp`.
"""

import json
import sys

import click
from sqlalchemy import select

from idp.cli_errors import OperatorGroup
from idp.extensions import db
from idp.models import StaffMember
from idp.models.staff import ROLES
from idp.staff import accounts
from idp.staff.accounts import Enrolment, StaffAccountError

staff_cli = OperatorGroup("staff", help="Staff accounts (operators, auditors): create, list, disable, reset TOTP.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line; only the line break is removed, so spaces in a passphrase count.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")


def _find_or_fail(username: str) -> StaffMember:
    staff = accounts.find(username)
    if staff is None:
        raise click.ClickException(f"no staff member named {accounts.normalize_username(username)!r}")
    return staff


def _print_enrolment(enrolment: Enrolment):
    secret = enrolment.totp_secret
    click.echo("Add this account to the authenticator app now; it is not shown again.")
    click.echo(f"otpauth URI: {enrolment.provisioning_uri}")
    click.echo(f"secret (to type in): {' '.join(secret[i : i + 4] for i in range(0, len(secret), 4))}")


@staff_cli.command("create")
@click.option("--username", required=True, help="3-32 characters, lowercase; starts with a letter.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def create(username, role, password_stdin):
    """Create a staff member; prints the authenticator secret once."""
    try:
        accounts.check_new_username(accounts.normalize_username(username))  # before typing a password
        enrolment = accounts.create(username, role, _read_password(password_stdin))
    except StaffAccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"created {enrolment.staff.username} ({enrolment.staff.role})")
    _print_enrolment(enrolment)


@staff_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def list_staff(as_json):
    """List staff members: role, last sign-in, failed attempts since, disabled."""
    rows = [
        {
            "username": staff.username,
            "role": staff.role,
            "disabled": staff.disabled,
            "created_at": staff.created_at.isoformat(),
            "last_signed_in_at": staff.last_signed_in_at.isoformat() if staff.last_signed_in_at else None,
            "failed_attempts": staff.failed_attempts,
        }
        for staff in db.session.scalars(select(StaffMember).order_by(StaffMember.username))
    ]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        state = " (disabled)" if row["disabled"] else ""
        click.echo(
            f"{row['username']}  {row['role']}  last sign-in: {row['last_signed_in_at'] or 'never'}  "
            f"failed attempts: {row['failed_attempts']}{state}"
        )


@staff_cli.command("disable")
@click.argument("username")
def disable(username):
    """Stop a staff member signing in; their open sessions end now."""
    staff = _find_or_fail(username)
    accounts.disable(staff)
    click.echo(f"disabled {staff.username}")


@staff_cli.command("reset-totp")
@click.argument("username")
def reset_totp(username):
    """New authenticator secret (lost phone); old codes and open sessions stop working."""
    enrolment = accounts.reset_totp(_find_or_fail(username))
    click.echo(f"new authenticator secret for {enrolment.staff.username}")
    _print_enrolment(enrolment)
