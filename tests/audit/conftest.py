"""Audit log helpers: the events as stored, a few appended events, tampering."""

import pytest
from sqlalchemy import select, text

from idp.audit import log
from idp.extensions import db
from idp.models import AuditEvent
from tests.append_only import triggers_off
from tests.staff.conftest import make_staff, quick_argon2  # noqa: F401  (the staff fixtures, here too)


def stored_events() -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def tamper(sql: str, **params):
    """Change the log behind the application's back, as a database owner could."""
    db.session.rollback()
    with db.engine.begin() as connection, triggers_off(connection):
        connection.execute(text(sql), params)


@pytest.fixture
def five_events():
    """Five committed events, one per transaction."""
    for number in range(1, 6):
        log.append("test.event", details={"number": number})
        db.session.commit()
    return stored_events()
