"""The sign-in's state lives on the server: the interaction carries the code on its way,
the proven citizen and the second factor; a session carries its phone-change proof.
A sign-in to JAKI ID's own pages is an interaction without a client.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.alter_column("client_id", existing_type=sa.String(length=64), nullable=True)
        batch_op.add_column(sa.Column("return_to", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("challenge_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("citizen_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("phone_verified_at", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("second_factor_at", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_interaction_citizen_id_citizen", "citizen", ["citizen_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index("ix_interaction_browser_id", ["browser_id"])
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_change_proof_at", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.drop_column("phone_change_proof_at")
    op.execute("DELETE FROM interaction WHERE client_id IS NULL")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_browser_id")
        batch_op.drop_constraint("fk_interaction_citizen_id_citizen", type_="foreignkey")
        batch_op.drop_column("second_factor_at")
        batch_op.drop_column("phone_verified_at")
        batch_op.drop_column("citizen_id")
        batch_op.drop_column("challenge_id")
        batch_op.drop_column("return_to")
        batch_op.alter_column("client_id", existing_type=sa.String(length=64), nullable=False)
