"""Copies a worker keeps of rows that change rarely and are read on every request (the
signing keys, the clients), and how a change committed in this worker drops them at once.

A copy's owner registers what to forget when a table changes (`forget_when_changed`).
Every session notes the tables it writes, through its rows or through an INSERT, UPDATE
or DELETE statement; when it commits, the copies of those tables are forgotten. A change
made by another worker or the command line reaches a copy when it is next due.
"""

from collections.abc import Callable

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

CHANGED = "tables_changed"  # session.info: tables written in this transaction
_forgetters: dict[str, list[Callable[[], None]]] = {}


def forget_when_changed(table: str, forget: Callable[[], None]) -> None:
    """Call `forget()` after every commit that wrote to `table`."""
    _forgetters.setdefault(table, []).append(forget)


def _note(session: Session, table: str | None) -> None:
    if table in _forgetters:
        session.info.setdefault(CHANGED, set()).add(table)


@event.listens_for(Session, "after_flush")
def _note_rows(session: Session, _flush_context) -> None:
    for row in (*session.new, *session.dirty, *session.deleted):
        _note(session, getattr(row, "__tablename__", None))


@event.listens_for(Session, "do_orm_execute")
def _note_statements(state: ORMExecuteState) -> None:
    # A change written as a statement rather than through the rows.
    if state.is_insert or state.is_update or state.is_delete:
        _note(state.session, getattr(getattr(state.statement, "table", None), "name", None))


@event.listens_for(Session, "after_commit")
def _forget_changed(session: Session) -> None:
    changed = session.info.pop(CHANGED, set())
    if changed and has_app_context():
        for table in changed:
            for forget in _forgetters[table]:
                forget()


@event.listens_for(Session, "after_rollback")
def _nothing_changed(session: Session) -> None:
    session.info.pop(CHANGED, None)
