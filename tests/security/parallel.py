"""Parallel requests from threads, each through a test client of its own, and a hold
inside the app that opens the widest window a race can have.

    crowd = Crowd(20)
    monkeypatch.setattr(module, "name", crowd.hold(module.name, first_only=True))
    responses = crowd.run([lambda: ..., ...])

A held function runs, then its caller waits there: with first_only, the first
caller waits until every other request has finished; otherwise every caller
waits until every request has reached the hold or finished. Whatever a request
decided before the held call, the others decided meanwhile. Waits have timeouts,
so a broken hold fails the test instead of hanging it; time is never slept.

On PostgreSQL the requests run truly in parallel, each on its own connection.
SQLite in memory has a single shared connection (StaticPool), on which one
session's commit or rollback is every session's; there the requests take turns
(a request waiting at the hold gives up its turn), which keeps every
interleaving the hold creates (tests/oidc/test_token.py does the same).
"""

import threading
from collections.abc import Callable

from idp.extensions import db

TIMEOUT_SECONDS = 20


class Crowd:
    def __init__(self, size: int):
        self.size = size
        self.arrived = 0
        self.finished = 0
        self.changed = threading.Condition()
        self.turn = threading.Lock() if db.engine.dialect.name == "sqlite" else None

    def hold(self, function: Callable, first_only: bool = False) -> Callable:
        def held(*args, **kwargs):
            result = function(*args, **kwargs)
            with self.changed:
                self.arrived += 1
                if first_only and self.arrived > 1:
                    return result
                if first_only:
                    everyone_else = lambda: self.finished >= self.size - 1  # noqa: E731
                else:
                    everyone_else = lambda: self.arrived + self.finished >= self.size  # noqa: E731
                self._wait_for(everyone_else)
            return result

        return held

    def _wait_for(self, condition: Callable[[], bool]) -> None:
        if self.turn is not None:
            self.turn.release()
        self.changed.notify_all()
        self.changed.wait_for(condition, TIMEOUT_SECONDS)
        if self.turn is not None:
            self.changed.release()  # never wait for a turn while holding the condition
            try:
                self.turn.acquire()
            finally:
                self.changed.acquire()

    def run(self, requests: list[Callable]) -> list:
        """Each request in a thread of its own, all at once; their responses, in order."""
        assert len(requests) == self.size
        responses: list = [None] * self.size
        start = threading.Barrier(self.size, timeout=TIMEOUT_SECONDS)

        def one(index: int):
            start.wait()
            if self.turn is not None:
                self.turn.acquire()
            try:
                responses[index] = requests[index]()
            finally:
                if self.turn is not None:
                    self.turn.release()
                with self.changed:
                    self.finished += 1
                    self.changed.notify_all()

        threads = [threading.Thread(target=one, args=(index,)) for index in range(self.size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT_SECONDS * 2)
        assert not any(thread.is_alive() for thread in threads), "a request never finished"
        return responses
