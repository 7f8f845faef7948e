"""Pushed authorization requests (RFC 9126): their table, and clients that must push.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pushed_authorization_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_uri_digest", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_uri_digest"),
    )
    op.create_index("ix_pushed_authorization_request_client_id", "pushed_authorization_request", ["client_id"])
    op.create_index("ix_pushed_authorization_request_expires_at", "pushed_authorization_request", ["expires_at"])
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "require_pushed_authorization_requests", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("require_pushed_authorization_requests")
    op.drop_index("ix_pushed_authorization_request_expires_at", table_name="pushed_authorization_request")
    op.drop_index("ix_pushed_authorization_request_client_id", table_name="pushed_authorization_request")
    op.drop_table("pushed_authorization_request")
