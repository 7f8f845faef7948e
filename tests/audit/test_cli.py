"""`flask audit verify | checkpoint | export | prune`."""

import csv
import io
import json

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from idp.audit import log
from idp.audit.verify import verify
from idp.extensions import db
from idp.protocol.keys import public_jwks
from tests.audit.conftest import stored_events, tamper


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["audit", *args])


def append_at(clock, when: str, type_: str):
    clock.set(__import__("datetime").datetime.fromisoformat(when + "+00:00").timestamp())
    log.append(type_)
    db.session.commit()


@pytest.fixture
def dated_events(clock):
    append_at(clock, "2027-01-01T10:00:00", "test.january")
    append_at(clock, "2027-01-20T10:00:00", "test.late_january")
    append_at(clock, "2027-02-02T10:00:00", "test.february")
    return stored_events()


def test_verify_reports_an_intact_chain(cli, five_events):
    result = cli("verify")
    assert result.exit_code == 0
    assert result.stdout == (
        "intact: 5 events checked, through event 5\n"
        "disclosures: 0 sealed batches match; 0 recorded since the last seal\n"
    )


def test_verify_exits_1_naming_the_first_broken_link(cli, five_events):
    tamper("DELETE FROM audit_event WHERE seq = 2")
    result = cli("verify")
    assert result.exit_code == 1
    assert "BROKEN after event 1: event 2 missing" in result.stderr


def test_checkpoint_prints_a_jws_of_head_and_count_that_our_jwks_verifies(cli, five_events):
    result = cli("checkpoint")
    assert result.exit_code == 0, result.output
    token = jwt.decode(result.stdout.strip(), KeySet.import_key_set(public_jwks()))
    assert token.header["typ"] == "jaki-audit-checkpoint+jwt"
    assert (token.claims["count"], token.claims["head"]) == (5, five_events[-1].hash)


def test_export_jsonl_between_since_and_until(cli, dated_events):
    result = cli("export", "--since", "2027-01-10", "--until", "2027-02-01", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["type"] for r in records] == ["test.late_january"]
    assert records[0]["hash"] == dated_events[1].hash and records[0]["time"] == "2027-01-20T10:00:00.000000+00:00"


def test_export_csv_has_a_header_and_every_event(cli, dated_events):
    result = cli("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["type"] for row in rows] == ["test.january", "test.late_january", "test.february"]
    assert json.loads(rows[0]["details"]) == {} and rows[2]["prev_hash"] == dated_events[1].hash


def test_prune_archives_then_deletes_and_verify_continues_from_its_checkpoint(cli, dated_events, tmp_path, clock):
    archive = tmp_path / "audit-2027-01.jsonl"
    result = cli("prune", "--before", "2027-02-01", "--archive", str(archive))
    assert result.exit_code == 0, result.output
    assert "archived and pruned 2 events through event 2" in result.stdout
    archived = [json.loads(line) for line in archive.read_text().splitlines()]
    assert [r["hash"] for r in archived] == [e.hash for e in dated_events[:2]]
    assert [e.type for e in stored_events()] == ["test.february", "audit.pruned"]
    status = verify()
    assert (status.intact, status.starts_after, status.verified_through) == (True, 2, 4)
    assert "continuing from the prune checkpoint at event 2" in cli("verify").stdout


def test_after_a_prune_a_deleted_first_remaining_event_is_still_found(cli, dated_events, tmp_path):
    cli("prune", "--before", "2027-02-01", "--archive", str(tmp_path / "a.jsonl"))
    tamper("DELETE FROM audit_event WHERE seq = 3")
    status = verify()
    assert not status.intact and status.problem.startswith("event 3 missing")


def test_pruned_events_only_may_be_deleted(cli, dated_events, tmp_path):
    cli("prune", "--before", "2027-02-01", "--archive", str(tmp_path / "a.jsonl"))
    from tests.audit.test_append_only import refused

    refused("DELETE FROM audit_event WHERE seq = 3")


def test_prune_with_nothing_old_enough_says_so(cli, dated_events, tmp_path):
    result = cli("prune", "--before", "2026-12-01", "--archive", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 1 and "no event before 2026-12-01" in result.output


def test_prune_never_overwrites_an_archive(cli, dated_events, tmp_path):
    archive = tmp_path / "a.jsonl"
    archive.write_text("earlier archive\n")
    result = cli("prune", "--before", "2027-02-01", "--archive", str(archive))
    assert result.exit_code == 2 and archive.read_text() == "earlier archive\n"
    assert len(stored_events()) == 3
