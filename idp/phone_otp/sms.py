"""Sending SMS through one small interface, with the backend chosen in config.

`outbox` (development, with DEV_OUTBOX_ENABLED) stores messages in a table
that the dev outbox page shows; `console` prints them (whole only with
DEV_OUTBOX_ENABLED, outside production); `http` posts them to a real
gateway (idp/sms_gateway.py). Every message counts against the provider's
daily budget (idp/sms_budget.py). No backend logs a code in production.
"""

from typing import Protocol

from flask import current_app

from idp.extensions import db
from idp.models import SmsOutboxMessage
from idp.phone_otp import sms_budget
from idp.phone_otp.phone import mask
from idp.phone_otp.sms_errors import BudgetExhausted
from idp.phone_otp.sms_gateway import HttpGatewayBackend


class SmsBackend(Protocol):
    def send(self, to: str, body: str, code: str | None = None) -> None:
        """Hand the message to the carrier or raise SmsNotSent.

        `code` is given only so the development outbox can show it; no
        backend may log it or the body in production.
        """


class OutboxBackend:
    def send(self, to: str, body: str, code: str | None = None) -> None:
        db.session.add(SmsOutboxMessage(to=to, body=body, code=code))
        db.session.commit()


class ConsoleBackend:
    def __init__(self, redact: bool):
        self.redact = redact

    def send(self, to: str, body: str, code: str | None = None) -> None:
        if self.redact:
            # Production logs are read by many; a code in them is a sign-in for whoever reads it.
            print(f"SMS to {mask(to)}: [{len(body)} characters, not shown]", flush=True)
        else:
            print(f"SMS to {to}: {body}", flush=True)


BACKENDS = {
    "outbox": lambda config: OutboxBackend(),
    # The whole message (the code) only on a development machine that asked for it.
    "console": lambda config: ConsoleBackend(
        redact=config.get("ENV") == "production" or not config.get("DEV_OUTBOX_ENABLED")
    ),
    "http": HttpGatewayBackend.from_config,
}


def backend() -> SmsBackend:
    config = current_app.config
    try:
        make = BACKENDS[config["SMS_BACKEND"]]
    except KeyError:
        raise RuntimeError(f"unknown SMS_BACKEND {config['SMS_BACKEND']!r}") from None
    return make(config)


def send_sms(to: str, body: str, code: str | None = None) -> None:
    """Send one message, within the daily budget; raise SmsNotSent otherwise."""
    day = sms_budget.reserve()
    if day is None:
        raise BudgetExhausted()
    try:
        backend().send(to, body, code)
    except Exception:
        sms_budget.refund(day)  # not sent (a timed-out gateway may have delivered it: counted as not)
        raise
