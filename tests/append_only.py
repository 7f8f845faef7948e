"""Getting past the audit log's triggers, as only someone with the database owner's
rights could: the tests empty the tables between tests, and tamper with the chain
to show that `verify` notices."""

from contextlib import contextmanager

from sqlalchemy import text

APPEND_ONLY = ("audit_event", "audit_checkpoint")  # the chain head is emptied with the other tables
GENESIS_HASH = "0" * 64


@contextmanager
def triggers_off(connection):
    """Within `connection`'s transaction, the append-only triggers do not fire."""
    if connection.dialect.name == "postgresql":
        for table in APPEND_ONLY:
            connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        yield
        for table in APPEND_ONLY:
            connection.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        return
    names = ", ".join(f"'{table}'" for table in APPEND_ONLY)
    triggers = connection.execute(
        text(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({names})")
    ).all()
    for name, _ in triggers:
        connection.execute(text(f"DROP TRIGGER {name}"))
    yield
    for _, sql in triggers:
        connection.execute(text(sql))


def empty_audit_log(connection):
    with triggers_off(connection):
        for table in APPEND_ONLY:
            connection.execute(text(f"DELETE FROM {table}"))
    connection.execute(text(f"INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '{GENESIS_HASH}')"))
