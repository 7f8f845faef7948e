"""A client's security profile ("fapi2": the FAPI 2.0 Security Profile, enforced whole).

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("profile", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("profile")
