"""Benchmark: the cost of an audit event under concurrent writers (PostgreSQL).

    DATABASE_URL=postgresql://... .venv/bin/python -m bench.audit_append [--workers 4] [--events 200]

Each worker process builds its own app, as a gunicorn worker does, and
commits `events` transactions: first with one audit event each, then the
same commits without one. Prints milliseconds per commit and commits per
second for both. The database must be migrated (`flask db upgrade`). The
concurrency test (tests/audit/test_concurrency.py) uses `append_events` too.
"""

import argparse
import multiprocessing
import time

from config import TestConfig


class WorkerConfig(TestConfig):
    DEV_OUTBOX_ENABLED = True  # TestConfig's SMS backend is the outbox


def append_events(worker: int, events: int, with_event: bool = True) -> float:
    """Seconds spent committing `events` transactions (each with one event, or none)."""
    from idp import create_app
    from idp.audit import log
    from idp.extensions import db
    from idp.models import AuditChainHead

    app = create_app(WorkerConfig)
    with app.app_context():
        started = time.perf_counter()
        for number in range(events):
            if with_event:
                log.append("bench.appended", details={"worker": worker, "number": number})
            else:
                # The same commit without an event: one read, like the event's own.
                db.session.get(AuditChainHead, 1)
            db.session.commit()
        elapsed = time.perf_counter() - started
        db.engine.dispose()
    return elapsed


def run(workers: int, events: int, with_event: bool) -> None:
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        per_worker = pool.starmap(append_events, [(w, events, with_event) for w in range(workers)])
    wall = time.perf_counter() - started
    total = workers * events
    label = "with an event" if with_event else "without     "
    mean_ms = 1000 * sum(per_worker) / total
    rate = total / max(per_worker)
    print(f"{label}: {mean_ms:6.2f} ms per commit (per worker), {rate:7.0f} commits/s, wall {wall:.1f}s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--events", type=int, default=200)
    args = parser.parse_args()
    for with_event in (False, True):
        run(args.workers, args.events, with_event)


if __name__ == "__main__":
    main()
