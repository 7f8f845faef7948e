"""Sending SMS through a backend chosen in config.

`outbox` (development default) stores messages in a table that the dev
outbox page shows; `console` prints them. Production needs a real gateway.
"""

import logging

from flask import current_app

from .extensions import db
from .models import SmsOutboxMessage

log = logging.getLogger(__name__)


class OutboxBackend:
    def send(self, to: str, body: str, code: str | None = None):
        db.session.add(SmsOutboxMessage(to=to, body=body, code=code))
        db.session.commit()


class ConsoleBackend:
    def send(self, to: str, body: str, code: str | None = None):
        print(f"SMS to {to}: {body}", flush=True)


BACKENDS = {"outbox": OutboxBackend, "console": ConsoleBackend}


def backend():
    name = current_app.config["SMS_BACKEND"]
    try:
        return BACKENDS[name]()
    except KeyError:
        raise RuntimeError(f"unknown SMS_BACKEND {name!r}") from None


def send_sms(to: str, body: str, code: str | None = None):
    backend().send(to, body, code)
