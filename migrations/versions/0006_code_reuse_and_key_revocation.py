"""Issue 8: a reused code is marked, so its tokens are never saved after the reuse;
a code's auth_time is kept only when the ID token is to carry it; a signing key
can be revoked (`flask keys rotate --now`).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("authorization_code", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reused_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("auth_time", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
    # Codes live a minute: those without an auth_time can simply go.
    op.execute("DELETE FROM authorization_code WHERE auth_time IS NULL")
    with op.batch_alter_table("authorization_code", schema=None) as batch_op:
        batch_op.alter_column("auth_time", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("reused_at")
