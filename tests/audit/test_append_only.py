"""The database refuses to rewrite history: UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from idp.audit import checkpoints
from idp.extensions import db
from tests.audit.conftest import stored_events


def refused(sql: str):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(sql))
    db.session.rollback()


def test_update_of_an_event_is_refused(five_events):
    refused("UPDATE audit_event SET type = 'nothing.happened' WHERE seq = 3")
    assert stored_events()[2].type == "test.event"


def test_delete_of_an_event_is_refused(five_events):
    refused("DELETE FROM audit_event WHERE seq = 5")
    assert len(stored_events()) == 5


def test_delete_of_every_event_is_refused(five_events):
    refused("DELETE FROM audit_event")


def test_checkpoints_cannot_be_changed_or_deleted(five_events):
    checkpoints.of_head()
    refused("UPDATE audit_checkpoint SET seq = 1")
    refused("DELETE FROM audit_checkpoint")


def test_truncate_is_refused_on_postgresql(five_events):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    refused("TRUNCATE audit_event")
    refused("TRUNCATE audit_checkpoint")
