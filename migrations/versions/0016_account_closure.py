"""Account closure: a closed citizen keeps only its random id (the records that must stay
refer to it) and frees its phone number for a new account.

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("citizen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("phone_number", existing_type=sa.String(length=20), nullable=True)


def downgrade():
    # A closed account has no number left to restore: its row goes (and what refers to it).
    op.execute("DELETE FROM citizen WHERE phone_number IS NULL")
    with op.batch_alter_table("citizen", schema=None) as batch_op:
        batch_op.alter_column("phone_number", existing_type=sa.String(length=20), nullable=False)
        batch_op.drop_column("closed_at")
