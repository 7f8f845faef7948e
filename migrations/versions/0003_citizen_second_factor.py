"""citizen second factor

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 22:59:09.427459

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.String(length=32), nullable=False),
    sa.Column('code_hash', sa.String(length=255), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recovery_code_citizen_id'), ['citizen_id'], unique=False)

    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('second_factor_at', sa.Integer(), nullable=True))

    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret_encrypted', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('totp_enabled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('totp_last_used_step', sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_column('totp_last_used_step')
        batch_op.drop_column('totp_enabled_at')
        batch_op.drop_column('totp_secret_encrypted')

    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.drop_column('second_factor_at')

    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recovery_code_citizen_id'))

    op.drop_table('recovery_code')

