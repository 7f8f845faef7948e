"""`verify` names the first broken or missing link: a changed row, a deleted one,
rows out of order, a tail cut off; and a checkpoint that does not hold."""

from idp.audit import checkpoints
from idp.audit.verify import verify
from tests.audit.conftest import tamper


def test_an_untouched_chain_is_intact(five_events):
    status = verify()
    assert (status.intact, status.verified_through, status.events_checked, status.problem) == (True, 5, 5, None)


def test_an_empty_log_is_intact():
    assert verify().intact


def test_a_tampered_row_is_found(five_events):
    tamper("UPDATE audit_event SET details = :details WHERE seq = 3", details='{"number": 99}')
    status = verify()
    assert not status.intact and status.verified_through == 2
    assert status.problem == "event 3 was altered (its contents no longer match its hash)"


def test_a_row_whose_hash_was_recomputed_breaks_the_next_link(five_events):
    tamper("UPDATE audit_event SET hash = :fake WHERE seq = 3", fake="f" * 64)
    status = verify()
    assert not status.intact and status.verified_through == 2
    assert "event 3 was altered" in status.problem


def test_a_deleted_row_is_found(five_events):
    tamper("DELETE FROM audit_event WHERE seq = 2")
    status = verify()
    assert not status.intact and status.verified_through == 1
    assert status.problem == "event 2 missing (the log goes from 1 to 3)"


def test_a_deleted_row_renumbered_over_is_found(five_events):
    # Hide the gap: remove event 2 and move 3, 4, 5 down one place.
    tamper("DELETE FROM audit_event WHERE seq = 2")
    for seq in (3, 4, 5):
        tamper("UPDATE audit_event SET seq = :new WHERE seq = :old", new=seq - 1, old=seq)
    status = verify()
    assert not status.intact and status.verified_through == 1
    assert "event 2 does not link to event 1" in status.problem


def test_reordered_rows_are_found(five_events):
    tamper("UPDATE audit_event SET seq = 100 WHERE seq = 2")
    tamper("UPDATE audit_event SET seq = 2 WHERE seq = 3")
    tamper("UPDATE audit_event SET seq = 3 WHERE seq = 100")
    status = verify()
    assert not status.intact and status.verified_through == 1
    assert "event 2 does not link to event 1" in status.problem


def test_a_truncated_tail_is_found_by_the_chain_head(five_events):
    tamper("DELETE FROM audit_event WHERE seq >= 4")
    status = verify()
    assert not status.intact and status.verified_through == 3
    assert status.problem == "events 4 to 5 missing from the end (the chain head is at 5)"


def test_a_truncated_tail_with_a_rewound_head_is_found_by_a_checkpoint(five_events):
    checkpoints.of_head()
    tamper("DELETE FROM audit_event WHERE seq >= 4")
    tamper("UPDATE audit_chain_head SET seq = 3, hash = :hash", hash=five_events[2].hash)
    status = verify()
    assert not status.intact
    assert status.problem == "events 4 to 5 missing: a checkpoint counted them"


def test_a_rewritten_chain_disagrees_with_the_checkpoint_made_before(five_events):
    checkpoints.of_head()
    tamper("UPDATE audit_event SET hash = :fake WHERE seq = 5", fake="e" * 64)
    tamper("UPDATE audit_chain_head SET hash = :fake", fake="e" * 64)
    status = verify()
    assert not status.intact and "event 5" in status.problem


def test_a_forged_checkpoint_is_found(five_events):
    row = checkpoints.of_head()
    tamper("UPDATE audit_checkpoint SET seq = 4 WHERE id = :id", id=row.id)
    status = verify()
    assert not status.intact
    assert status.problem == f"checkpoint {row.id} (at event 4): its row differs from its signed statement"


def test_a_checkpoint_not_signed_by_us_is_found(five_events):
    row = checkpoints.of_head()
    header, payload, _ = row.jws.split(".")
    tamper("UPDATE audit_checkpoint SET jws = :jws WHERE id = :id", jws=f"{header}.{payload}.AAAA", id=row.id)
    status = verify()
    assert not status.intact and "not signed by a key JAKI ID trusts" in status.problem
