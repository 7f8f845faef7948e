"""Requests from several processes at once, each with its own database connections,
as gunicorn's workers would send them: the races of a real deployment.

    results = in_processes(4, lambda: http.post(...))   # [(status, json), ...]

Each child is a fork of the test process: it has the test's app, its clock and its
browsers (a copy of their cookies), drops the parent's pooled connections without
closing them (they are the parent's), waits at a barrier with the others, sends its
request and reports the status and JSON body. PostgreSQL only: SQLite in the tests
is one in-memory database on one connection, which a fork cannot share.
"""

import multiprocessing
import os
import traceback
from collections.abc import Callable

import pytest

from idp.extensions import db

TIMEOUT_SECONDS = 60


def needs_postgresql() -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL): the tests' SQLite is one in-memory connection that "
            "child processes cannot share, and SQLite serialises writers anyway"
        )


def in_processes(count: int, request: Callable) -> list[tuple[int, dict | None]]:
    """`request` (returning a response) in `count` processes at once; (status, JSON) of each."""
    db.session.remove()  # the parent holds no connection while the children run
    context = multiprocessing.get_context("fork")
    start = context.Barrier(count)
    results = context.SimpleQueue()  # put() has written when it returns: the child may exit at once

    def child(index: int) -> None:
        code = 0
        try:
            db.engine.dispose(close=False)  # the parent's connections stay the parent's
            start.wait(TIMEOUT_SECONDS)
            response = request()
            results.put((index, response.status_code, response.get_json(silent=True), None))
        except BaseException:  # reported to the parent, which fails the test
            results.put((index, 0, None, traceback.format_exc()))
            code = 1
        finally:
            os._exit(code)  # never run the parent's pytest machinery in the child

    children = [context.Process(target=child, args=(index,)) for index in range(count)]
    for process in children:
        process.start()
    for process in children:
        process.join(TIMEOUT_SECONDS)
    assert not any(process.is_alive() for process in children), "a request never finished"
    answers = sorted(results.get() for _ in children)
    failures = [error for *_, error in answers if error]
    assert not failures, failures[0]
    return [(status, body) for _index, status, body, _error in answers]
