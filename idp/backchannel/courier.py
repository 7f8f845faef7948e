"""Delivering logout tokens off the citizen's request (Back-Channel Logout 1.0 §2.7).

Each worker process runs one courier thread. A request that ended sessions
wakes it after the response is ready, so the citizen's page never waits for a
service. The thread also looks for due deliveries every
BACKCHANNEL_LOGOUT_POLL_SECONDS: retries, and rows a worker left behind when it
stopped mid-attempt (deploy, crash, max_requests): the rows are in the database,
so whichever worker runs next delivers them. With BACKCHANNEL_LOGOUT_IN_BACKGROUND
off (the tests), the request delivers before it answers.
"""

import logging
import os
import threading

from flask import Flask, current_app, g

from idp.backchannel.delivery import deliver_due
from idp.extensions import db
from idp.services.logout_deliveries import QUEUED

log = logging.getLogger(__name__)


class Courier:
    def __init__(self, app: Flask):
        self.app = app
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.pid: int | None = None
        self.lock = threading.Lock()

    def ensure_running(self) -> None:
        """Start the thread in this process (after a fork the parent's thread is gone)."""
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.stopping = threading.Event()  # this thread's own: a stopped one stays stopped
            threading.Thread(target=self.run, args=(self.stopping,), name="logout-courier", daemon=True).start()

    def stop(self) -> None:
        """End the thread after its current round (the tests; a process simply exits)."""
        self.stopping.set()
        self.wake.set()
        with self.lock:
            self.pid = None

    def run(self, stopping: threading.Event) -> None:
        poll = self.app.config["BACKCHANNEL_LOGOUT_POLL_SECONDS"]
        while not stopping.is_set():
            self.wake.wait(poll)
            self.wake.clear()
            if stopping.is_set():
                return
            with self.app.app_context():
                try:
                    deliver_due()
                except Exception:  # the thread must outlive a database outage
                    log.exception("back-channel logout deliveries failed; retrying later")
                finally:
                    db.session.remove()


def after_request(response):
    """After a request that queued logout tokens: wake the courier (or deliver now)."""
    if g.get(QUEUED):
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        if app.config["BACKCHANNEL_LOGOUT_IN_BACKGROUND"]:
            courier: Courier = app.extensions["logout_courier"]
            courier.ensure_running()
            courier.wake.set()
        else:
            deliver_due()
    return response


def init_app(app: Flask) -> None:
    courier = app.extensions["logout_courier"] = Courier(app)
    if app.config["BACKCHANNEL_LOGOUT_IN_BACKGROUND"]:
        # Each worker delivers what is due, also what a stopped worker left behind.
        app.before_request(courier.ensure_running)
    app.after_request(after_request)
