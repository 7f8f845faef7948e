"""Several processes appending at once keep one valid chain (several gunicorn workers)."""

import multiprocessing

import pytest

from bench.audit_append import append_events
from idp.audit.verify import verify
from idp.extensions import db
from tests.audit.conftest import stored_events

WORKERS, EVENTS = 4, 25


def test_concurrent_appends_from_several_processes_keep_a_valid_chain():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time, and the tests' database is in memory")
    db.session.commit()  # hold no lock while the workers run
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        pool.starmap(append_events, [(worker, EVENTS) for worker in range(WORKERS)])
    events = stored_events()
    assert [event.seq for event in events] == list(range(1, WORKERS * EVENTS + 1))
    by_worker = sorted((e.details["worker"], e.details["number"]) for e in events)
    assert by_worker == [(w, n) for w in range(WORKERS) for n in range(EVENTS)]
    status = verify()
    assert status.intact and status.verified_through == WORKERS * EVENTS
