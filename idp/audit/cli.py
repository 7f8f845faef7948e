"""`flask audit verify | seal | checkpoint | export | prune`."""

import sys
from datetime import UTC, datetime

import click

from idp.audit import archive, checkpoints, disclosure_seals
from idp.audit.verify import verify
from idp.cli_errors import OperatorGroup
from idp.extensions import db

audit_cli = OperatorGroup("audit", help="The audit log: verify the chain, sign checkpoints, export, prune.")
WHEN = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"])


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None else None


@audit_cli.command("verify")
def verify_command():
    """Walk the chain; exit 1 and name the first broken or missing link."""
    status = verify()
    start = f" (continuing from the prune checkpoint at event {status.starts_after})" if status.starts_after else ""
    if not status.intact:
        click.echo(f"BROKEN after event {status.verified_through}{start}: {status.problem}", err=True)
        sys.exit(1)
    click.echo(f"intact: {status.events_checked} events checked, through event {status.verified_through}{start}")
    seals = disclosure_seals.verify()
    if seals.problem:
        click.echo(f"BROKEN: {seals.problem}", err=True)
        sys.exit(1)
    click.echo(
        f"disclosures: {seals.batches_checked} sealed batches match; {seals.unsealed} recorded since the last seal"
    )


@audit_cli.command("seal")
def seal_command():
    """Seal the disclosure records not sealed yet into the chain (flask purge does it too)."""
    click.echo(f"sealed {disclosure_seals.seal()} disclosures")


@audit_cli.command("checkpoint")
def checkpoint_command():
    """Sign and print the head hash and event count (a JWS); publish it elsewhere."""
    row = checkpoints.of_head()
    click.echo(row.jws)
    click.echo(f"checkpoint {row.id}: {row.seq} events, head {row.hash}", err=True)


@audit_cli.command("export")
@click.option("--since", type=WHEN, help="From this UTC time (inclusive).")
@click.option("--until", type=WHEN, help="Up to this UTC time (exclusive).")
@click.option("--format", "fmt", type=click.Choice(archive.FORMATS), default="jsonl", show_default=True)
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", help="Default: standard output.")
def export_command(since, until, fmt, output):
    """Events in chain order, with their hashes."""
    for line in archive.export_lines(archive.events(_utc(since), _utc(until)), fmt):
        output.write(line)


@audit_cli.command("prune")
@click.option("--before", type=WHEN, required=True, help="Prune events older than this UTC time.")
@click.option(
    "--archive",
    "archive_file",
    type=click.File("x", encoding="utf-8"),
    required=True,
    help="A new file to archive the events to (JSON lines) before they are deleted.",
)
def prune_command(before, archive_file):
    """Archive old events, sign a prune checkpoint, then delete them; verify continues from it."""
    try:
        count, checkpoint = archive.prune(before.replace(tzinfo=UTC), archive_file)
    except archive.NothingToPrune as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"archived and pruned {count} events through event {checkpoint.seq}")
    click.echo(checkpoint.jws)
