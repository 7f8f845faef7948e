"""`flask backchannel failures|deliver`: the logout tokens services did not accept."""

import json

import click

from idp.backchannel.delivery import deliver_due
from idp.cli_errors import OperatorGroup
from idp.services import logout_deliveries

backchannel_cli = OperatorGroup("backchannel", help="Back-channel logout deliveries.")


@backchannel_cli.command("failures")
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def failures(limit, as_json):
    """Logout tokens given up on (after their retries), newest first."""
    rows = [
        {
            "client_id": row.client_id,
            "failed_at": row.failed_at.isoformat() if row.failed_at else None,
            "attempts": row.attempts,
            "last_error": row.last_error,
            "queued_at": row.created_at.isoformat(),
        }
        for row in logout_deliveries.failures(limit)
    ]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        click.echo(f"{row['failed_at']}  {row['client_id']}  {row['attempts']} attempts  {row['last_error']}")
    if not rows:
        click.echo("no failed deliveries")


@backchannel_cli.command("deliver")
def deliver():
    """Deliver what is due now (the workers do this by themselves every few seconds)."""
    click.echo(f"{deliver_due()} delivered")
