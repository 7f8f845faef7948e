"""A citizen's gender, NIK (encrypted at rest) and Jakarta address, for the `profile`,
`nik` and `address` scopes.

Revision ID: 0019
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa


revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("citizen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gender", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("nik_encrypted", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("address", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("citizen", schema=None) as batch_op:
        batch_op.drop_column("address")
        batch_op.drop_column("nik_encrypted")
        batch_op.drop_column("gender")
