"""A client's home page (OIDC Registration §2 client_uri): a signed-in citizen back at a
sign-in that is over is sent there, instead of to a dead end.

Revision ID: 0025
Revises: 0024
"""
from alembic import op
import sqlalchemy as sa


revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_uri", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("client_uri")
