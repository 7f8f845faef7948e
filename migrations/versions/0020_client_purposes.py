"""Each client states why it asks for each scope (`purposes`, shown on the consent page)
and the version of that text, which the consent log records.

Revision ID: 0020
Revises: 0019
"""
from alembic import op
import sqlalchemy as sa


revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purposes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("purpose_version", sa.Integer(), nullable=False, server_default="1"))
    # Registered before purposes existed: none written yet (the consent page then shows
    # what each scope releases, without a purpose).
    client = sa.table("client", sa.column("purposes", sa.JSON))
    op.execute(client.update().values(purposes={}))
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.alter_column("purposes", existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column("purpose_version", existing_type=sa.Integer(), server_default=None)


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("purpose_version")
        batch_op.drop_column("purposes")
