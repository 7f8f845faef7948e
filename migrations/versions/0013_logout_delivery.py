"""Back-channel logout deliveries (Back-Channel Logout 1.0 §2.5), kept until
delivered or given up; a session records the same citizen's session it replaced.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "logout_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("logout_delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logout_delivery_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_logout_delivery_next_attempt_at"), ["next_attempt_at"], unique=False)
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("continues_sid", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.drop_column("continues_sid")
    with op.batch_alter_table("logout_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logout_delivery_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_logout_delivery_client_id"))
    op.drop_table("logout_delivery")
