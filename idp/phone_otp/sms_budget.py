"""The provider's daily SMS budget: past SMS_DAILY_BUDGET messages, sending stops.

Counted per calendar day in Jakarta (WIB, UTC+7) in Flask-Limiter's storage,
so every worker counts together, and before each message is sent, so parallel
sends cannot overspend it. The first refusal of the day raises one
operator alert (CRITICAL on logger `idp.sms`), not one per request.
"""

import logging
from datetime import timedelta, timezone

from flask import current_app

from idp.clock import now
from idp.extensions import limiter

# Operators watch this logger for everything about SMS delivery.
log = logging.getLogger("idp.sms")
JAKARTA = timezone(timedelta(hours=7), "WIB")
# A counter only has to outlive its own day; the second day covers skew between workers.
KEEP_SECONDS = 2 * 24 * 3600


def _today() -> str:
    return now().astimezone(JAKARTA).date().isoformat()


def reserve() -> str | None:
    """Count one message against today's budget before it is sent: the day it counts in,
    or None once the budget is spent (the operator is alerted on the first refusal).

    Counted first, atomically, so parallel sends cannot all pass a check made before
    any of them counted; a message that does not leave is given back (refund()).
    """
    budget = current_app.config["SMS_DAILY_BUDGET"]
    day = _today()
    if limiter.storage.incr(f"sms-budget/{day}", KEEP_SECONDS) <= budget:
        return day
    _take_back(day)  # refused: not sent, so the count keeps saying how many were
    _alert(day, budget)
    return None


def refund(day: str) -> None:
    """A reserved message that did not leave (the gateway failed): it costs nothing."""
    _take_back(day)


def _take_back(day: str) -> None:
    limiter.storage.incr(f"sms-budget/{day}", KEEP_SECONDS, amount=-1)


def _alert(day: str, budget: int) -> None:
    sent = limiter.storage.get(f"sms-budget/{day}")
    # incr is atomic in every storage: exactly one worker sees 1 and raises the alert.
    if limiter.storage.incr(f"sms-budget-alert/{day}", KEEP_SECONDS) == 1:
        log.critical(
            "SMS daily budget used up: %d of %d messages sent on %s (WIB). No SMS, so no sign-in "
            "codes, will be sent until midnight WIB. Look for abuse, or raise SMS_DAILY_BUDGET.",
            sent,
            budget,
            day,
        )
