"""browser_session.acr is derived from second_factor_at (idp.assurance.reached)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.drop_column('acr')


def downgrade():
    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acr', sa.String(length=64), nullable=False, server_default='urn:jaki:loa:1'))
