"""Client metadata for signed UserInfo, encrypted ID tokens and UserInfo, and
back-channel logout (OIDC Registration §2, Back-Channel Logout 1.0 §2.2).

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("userinfo_signed_response_alg", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("id_token_encrypted_response_alg", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("id_token_encrypted_response_enc", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("userinfo_encrypted_response_alg", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("userinfo_encrypted_response_enc", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("backchannel_logout_uri", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("backchannel_logout_session_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("backchannel_logout_session_required")
        batch_op.drop_column("backchannel_logout_uri")
        batch_op.drop_column("userinfo_encrypted_response_enc")
        batch_op.drop_column("userinfo_encrypted_response_alg")
        batch_op.drop_column("id_token_encrypted_response_enc")
        batch_op.drop_column("id_token_encrypted_response_alg")
        batch_op.drop_column("userinfo_signed_response_alg")
