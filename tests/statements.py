"""The SQL statements a block of a test sends, for tests of what a request reads."""

from contextlib import contextmanager

from sqlalchemy import event

from idp.extensions import db


@contextmanager
def statements_counted():
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
