"""The audit log: hash-chained events, the chain head, signed checkpoints, pseudonyms.

The database itself refuses UPDATE and DELETE on the events and checkpoints
(and TRUNCATE on PostgreSQL), so no code path of ours, and no operator's
slip, can rewrite history. The one exception is pruning: an event may be
deleted only when a `prune` checkpoint at or after it exists.

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64
REFUSED = "is append-only"
PRUNE_COVERS = "EXISTS (SELECT 1 FROM audit_checkpoint WHERE kind = 'prune' AND seq >= OLD.seq)"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event {REFUSED}'); END""",
    f"""CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event WHEN NOT {PRUNE_COVERS}
        BEGIN SELECT RAISE(ABORT, 'audit_event {REFUSED}: only pruned events may be deleted'); END""",
    f"""CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint {REFUSED}'); END""",
    f"""CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint {REFUSED}'); END""",
]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% {REFUSED}', TG_TABLE_NAME; END $$""",
    f"""CREATE FUNCTION audit_event_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT {PRUNE_COVERS} THEN
            RAISE EXCEPTION 'audit_event {REFUSED}: only pruned events may be deleted';
          END IF;
          RETURN OLD;
        END $$""",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_delete()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]


def upgrade():
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("type", sa.String(length=48), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("citizen", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "actor_kind IN ('citizen', 'staff', 'client', 'system', 'anonymous')", name="ck_audit_event_actor_kind"
        ),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("hash"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_time"), ["time"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_type"), ["type"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_citizen"), ["citizen"], unique=False)
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_chain_head_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(f"INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '{GENESIS_HASH}')")
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("jws", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('checkpoint', 'prune')", name="ck_audit_checkpoint_kind"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_checkpoint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_checkpoint_seq"), ["seq"], unique=False)
    op.create_table(
        "audit_pseudonym",
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("citizen_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pseudonym"),
        sa.UniqueConstraint("citizen_id"),
    )
    triggers = POSTGRESQL_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_event, audit_checkpoint")
        op.execute("DROP FUNCTION audit_refuse_change(), audit_event_refuse_delete()")
    else:
        op.drop_table("audit_event")  # its triggers go with it
        op.drop_table("audit_checkpoint")
    op.drop_table("audit_pseudonym")
    op.drop_table("audit_chain_head")
