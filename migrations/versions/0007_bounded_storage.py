"""Storage that stays bounded: a token row carries its family's granted scope, so
`flask purge` can delete expired token rows (the first row of a family was where the
scope was read); indexes on what the purge selects by.

Expand only (nullable column, new indexes): the previous release runs on this schema
during a rolling deploy. Rows that release writes get no granted scope; they fall back
to the first row's, as before. On PostgreSQL the indexes are built CONCURRENTLY, so
the tables stay writable while they are.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_token_refresh_expires_at", "token", "refresh_expires_at"),
    ("ix_interaction_expires_at", "interaction", "expires_at"),
    ("ix_authorization_code_expires_at", "authorization_code", "expires_at"),
    ("ix_otp_challenge_expires_at", "otp_challenge", "expires_at"),
    ("ix_browser_session_ended_at", "browser_session", "ended_at"),
    ("ix_browser_session_created_at", "browser_session", "created_at"),
    ("ix_staff_session_ended_at", "staff_session", "ended_at"),
    ("ix_staff_session_created_at", "staff_session", "created_at"),
]


def upgrade():
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("granted_scope", sa.Text(), nullable=True))
    # Each family's granted scope is its first row's scope (RFC 6749 §6).
    op.execute(
        "UPDATE token SET granted_scope = (SELECT first.scope FROM token AS first"
        " WHERE first.family_id = token.family_id ORDER BY first.id LIMIT 1)"
    )
    with op.get_context().autocommit_block():
        for name, table, column in INDEXES:
            op.create_index(name, table, [column], unique=False, postgresql_concurrently=True)


def downgrade():
    for name, table, _column in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.drop_column("granted_scope")
