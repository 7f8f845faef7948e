"""`flask agencies token create|list|revoke`: initial access tokens (RFC 7591 §3)
with which an agency registers its own services at /register."""

import json

import click

from idp.cli_errors import OperatorGroup
from idp.services import initial_access_tokens as access_tokens

agencies_cli = OperatorGroup("agencies", help="Agencies that register their own services.")
token_cli = OperatorGroup("token", help="Initial access tokens for client registration.")
agencies_cli.add_command(token_cli)


def describe(row, registered: int = 0) -> dict:
    return {
        "id": row.id,
        "agency": row.agency,
        "scopes": row.scopes,
        "sector": row.sector,
        "created_at": row.created_at.isoformat(),
        "expires_at": row.expires_at.isoformat(),
        "status": access_tokens.status(row),
        "clients_registered": registered,
    }


@token_cli.command("create")
@click.option("--agency", required=True, help="The agency's name, as operators will recognise it.")
@click.option("--scopes", required=True, help='The most its clients may be allowed, e.g. "openid profile".')
@click.option("--sector", required=True, help="The agency's pairwise sector (a host name); all its clients share it.")
@click.option("--expires-in", "expires_in", type=int, default=30, show_default=True, help="Days.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def create(agency, scopes, sector, expires_in, as_json):
    """Issue a token to an agency. It is printed once and never again."""
    try:
        issued = access_tokens.issue(agency, scopes, sector, expires_in)
    except access_tokens.InvalidAccessTokenRequest as error:
        raise click.ClickException(str(error)) from None
    data = describe(issued.row) | {"initial_access_token": issued.token}
    if as_json:
        click.echo(json.dumps(data))
        return
    for name, value in data.items():
        click.echo(f"{name}: {value}")


@token_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_tokens(as_json):
    counts = access_tokens.clients_registered()
    rows = [describe(row, counts.get(row.id, 0)) for row in access_tokens.all_tokens()]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        click.echo(
            f"{row['id']}  {row['agency']}  {row['sector']}  [{row['scopes']}]  {row['status']}  "
            f"until {row['expires_at']}  clients={row['clients_registered']}"
        )


@token_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id):
    """No more registrations with this token; the clients it registered stay."""
    row = access_tokens.get(token_id)
    if row is None:
        raise click.ClickException(f"no initial access token with id {token_id}")
    if not access_tokens.revoke(row):
        raise click.ClickException(f"token {token_id} was already revoked")
    click.echo(f"revoked token {token_id} of {row.agency}")
