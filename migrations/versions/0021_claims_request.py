"""The claims a service asked for one by one (OIDC Core 5.5 `claims` parameter): on the
code, for the ID token and UserInfo, and on the tokens, for UserInfo.

Revision ID: 0021
Revises: 0020
"""
from alembic import op
import sqlalchemy as sa


revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("authorization_code", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claims", sa.JSON(), nullable=True))
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claims", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.drop_column("claims")
    with op.batch_alter_table("authorization_code", schema=None) as batch_op:
        batch_op.drop_column("claims")
