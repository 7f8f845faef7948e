"""Disclosures are sealed into the audit log in batches, not one event each: the row
names the batch that sealed it, and the citizen's audit pseudonym (what auditors search by).

Rows recorded before this keep their one event each in the audit log.

Revision ID: 0024
Revises: 0023
"""
from alembic import op
import sqlalchemy as sa


revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("citizen_pseudonym", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("sealed_in", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_disclosure_citizen_pseudonym"), ["citizen_pseudonym"], unique=False)
        batch_op.create_index(batch_op.f("ix_disclosure_sealed_in"), ["sealed_in"], unique=False)


def downgrade():
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_sealed_in"))
        batch_op.drop_index(batch_op.f("ix_disclosure_citizen_pseudonym"))
        batch_op.drop_column("sealed_in")
        batch_op.drop_column("citizen_pseudonym")
