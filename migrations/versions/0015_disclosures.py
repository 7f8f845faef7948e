"""Disclosure records: which claims went to which service, when and through which endpoint.

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "disclosure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("endpoint", sa.String(length=20), nullable=False),
        sa.Column("claims", sa.Text(), nullable=False),
        sa.Column("disclosed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosure_citizen_id"), ["citizen_id"], unique=False)


def downgrade():
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_citizen_id"))
    op.drop_table("disclosure")
