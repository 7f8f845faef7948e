"""Agencies register their services (RFC 7591, RFC 7592): initial access tokens,
registration access tokens, and the metadata shown on the consent page.

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "initial_access_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=100), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("sector", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_digest"),
    )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logo_uri", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("policy_uri", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("tos_uri", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sector_identifier_uri", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("initial_access_token_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("registration_access_token_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_client_initial_access_token_id", ["initial_access_token_id"], unique=False)
        batch_op.create_unique_constraint("uq_client_registration_access_token_digest", ["registration_access_token_digest"])
        batch_op.create_foreign_key(
            "fk_client_initial_access_token_id",
            "initial_access_token",
            ["initial_access_token_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_constraint("fk_client_initial_access_token_id", type_="foreignkey")
        batch_op.drop_constraint("uq_client_registration_access_token_digest", type_="unique")
        batch_op.drop_index("ix_client_initial_access_token_id")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("registration_access_token_digest")
        batch_op.drop_column("initial_access_token_id")
        batch_op.drop_column("sector_identifier_uri")
        batch_op.drop_column("tos_uri")
        batch_op.drop_column("policy_uri")
        batch_op.drop_column("logo_uri")
    op.drop_table("initial_access_token")
