"""The consent-log migration turns each consent row into its log: granted, and withdrawn if it was."""

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from config import TestConfig
from idp import create_app
from idp.extensions import db

BEFORE_THE_LOG, THE_LOG = "0017", "0018"  # revisions


@pytest.fixture
def database_before_the_log(tmp_path):
    """A database of its own (a file), migrated up to the revision before the log."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'old.db'}"
        DEV_OUTBOX_ENABLED = True

    app = create_app(Config)
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        command.upgrade(config, BEFORE_THE_LOG)
        yield app, config
        db.session.remove()
        db.engine.dispose()


def test_existing_consents_become_events(database_before_the_log):
    app, config = database_before_the_log
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO citizen (id, phone_number, phone_number_verified, locale, created_at, "
                "updated_at) VALUES ('c1', '+6281200000001', 1, 'id', :t, :t)"
            ),
            {"t": datetime(2025, 1, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO consent (id, citizen_id, client_id, scope, granted_at, revoked_at) VALUES "
                "(1, 'c1', 'permits', 'openid profile', :g, NULL), "
                "(2, 'c1', 'health', 'openid phone', :g, :r)"
            ),
            {"g": datetime(2025, 3, 1), "r": datetime(2025, 4, 1)},
        )
    command.upgrade(config, THE_LOG)
    with db.engine.connect() as connection:
        events = connection.execute(
            text("SELECT consent_id, kind, actor, scope, occurred_at, expires_at FROM consent_event ORDER BY id")
        ).all()
    assert [(e.consent_id, e.kind, e.actor, e.scope) for e in events] == [
        (1, "granted", "citizen", "openid profile"),
        (2, "granted", "citizen", "openid phone"),
        (2, "withdrawn", "citizen", ""),
    ]
    assert str(events[0].expires_at).startswith("2026-03-01")
    assert str(events[2].occurred_at).startswith("2025-04-01")


def test_downgrading_restores_the_rows(database_before_the_log):
    app, config = database_before_the_log
    command.upgrade(config, THE_LOG)
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO citizen (id, phone_number, phone_number_verified, locale, created_at, "
                "updated_at) VALUES ('c1', '+6281200000001', 1, 'id', :t, :t)"
            ),
            {"t": datetime(2025, 1, 1)},
        )
        connection.execute(
            text("INSERT INTO consent (id, citizen_id, client_id, created_at) VALUES (1, 'c1', 'p', :t)"),
            {"t": datetime(2025, 1, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO consent_event (consent_id, kind, actor, scope, declined, purposes, "
                "occurred_at) VALUES (1, 'granted', 'citizen', 'openid phone', '', '{}', :t), "
                "(1, 'withdrawn', 'citizen', '', '', '{}', :w)"
            ),
            {"t": datetime(2025, 1, 1), "w": datetime(2025, 2, 1)},
        )
    command.downgrade(config, BEFORE_THE_LOG)
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT scope, revoked_at FROM consent")).one()
    assert row.scope == "openid phone"
    assert str(row.revoked_at).startswith("2025-02-01")
