"""One-line errors for every operator command (`flask clients|keys|staff|purge`).

Bad input already fails with click.ClickException inside the commands. What is
left is the database: no tables yet (before `db upgrade`), an older schema, or
none to reach. Each becomes one sentence saying what to do, not a traceback.
A refusal to start (config.ConfigurationError) happens before any command
runs, while `flask` loads the app: wsgi.py turns that one into a line.
"""

from typing import Any

import click
from flask.cli import AppGroup
from sqlalchemy.exc import DBAPIError, OperationalError

UPGRADE = "flask --app wsgi db upgrade"
# PostgreSQL SQLSTATEs (Appendix A): undefined_table, undefined_column.
UNDEFINED_TABLE, UNDEFINED_COLUMN = "42P01", "42703"


def explain(error: DBAPIError) -> str | None:
    """The sentence for a database error an operator can act on; None for the others (bugs)."""
    cause = error.orig if error.orig is not None else error
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else type(cause).__name__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state == UNDEFINED_TABLE or detail.startswith("no such table"):
        return f"the database has no JAKI ID tables yet ({detail}): run `{UPGRADE}` first"
    if state == UNDEFINED_COLUMN or detail.startswith("no such column") or "has no column named" in detail:
        return f"the database schema is older than this code ({detail}): run `{UPGRADE}` first"
    if isinstance(error, OperationalError):
        return f"cannot use the database (DATABASE_URL): {detail}"
    return None


def _invoke_with_one_line_errors(invoke: Any, ctx: click.Context) -> Any:
    try:
        return invoke(ctx)
    except DBAPIError as error:
        message = explain(error)
        if message is None:
            raise
        raise click.ClickException(message) from None


class OperatorGroup(AppGroup):
    """A `flask` command group whose database errors are one line (see the module docstring)."""

    def invoke(self, ctx: click.Context) -> Any:
        return _invoke_with_one_line_errors(super().invoke, ctx)


class OperatorCommand(click.Command):
    """The same for a command outside any group (`flask purge`)."""

    def invoke(self, ctx: click.Context) -> Any:
        return _invoke_with_one_line_errors(super().invoke, ctx)
