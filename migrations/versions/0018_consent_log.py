"""Consent becomes a log: every change an immutable `consent_event`; the `consent` row
keeps only the pair (citizen, service). Each existing consent becomes a "granted" event
(expiring 365 days after it was given, the default period), plus a "withdrawn" event
by the citizen if it had been withdrawn.

Revision ID: 0018
Revises: 0017
"""

from datetime import timedelta

from alembic import op
import sqlalchemy as sa


revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DEFAULT_PERIOD = timedelta(days=365)

consent = sa.table(
    "consent",
    sa.column("id", sa.Integer),
    sa.column("scope", sa.Text),
    sa.column("granted_at", sa.DateTime(timezone=True)),
    sa.column("revoked_at", sa.DateTime(timezone=True)),
)
consent_event = sa.table(
    "consent_event",
    sa.column("id", sa.Integer),
    sa.column("consent_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("actor", sa.String),
    sa.column("scope", sa.Text),
    sa.column("declined", sa.Text),
    sa.column("purposes", sa.JSON),
    sa.column("occurred_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
)


def upgrade():
    op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("declined", sa.Text(), nullable=False),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("purpose_version", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["consent_id"], ["consent.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_event_consent_id"), ["consent_id"], unique=False)

    connection = op.get_bind()
    events = []
    for row in connection.execute(sa.select(consent).order_by(consent.c.id)):
        base = {"consent_id": row.id, "actor": "citizen", "declined": "", "purposes": {}}
        events.append(
            base
            | {"kind": "granted", "scope": row.scope, "occurred_at": row.granted_at}
            | {"expires_at": row.granted_at + DEFAULT_PERIOD}
        )
        if row.revoked_at is not None:
            events.append(base | {"kind": "withdrawn", "scope": "", "occurred_at": row.revoked_at, "expires_at": None})
    if events:
        op.bulk_insert(consent_event, events)

    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.alter_column("granted_at", new_column_name="created_at", existing_type=sa.DateTime(timezone=True))
        batch_op.drop_column("scope")
        batch_op.drop_column("revoked_at")


def downgrade():
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.alter_column("created_at", new_column_name="granted_at", existing_type=sa.DateTime(timezone=True))
        batch_op.add_column(sa.Column("scope", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    newest, last_grant = {}, {}
    for event in connection.execute(sa.select(consent_event).order_by(consent_event.c.id)):
        newest[event.consent_id] = event
        if event.kind not in ("withdrawn", "expired"):
            last_grant[event.consent_id] = event
    for consent_id, event in newest.items():
        grant = last_grant.get(consent_id, event)
        stands = event.kind not in ("withdrawn", "expired")
        connection.execute(
            consent.update()
            .where(consent.c.id == consent_id)
            .values(scope=grant.scope, granted_at=grant.occurred_at, revoked_at=None if stands else event.occurred_at)
        )
    op.drop_table("consent_event")
