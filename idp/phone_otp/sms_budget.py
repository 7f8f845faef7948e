"""The provider's daily SMS budget: past SMS_DAILY_BUDGET messages, sending stops.

Counted per calendar day in Jakarta (WIB, UTC+7) in Flask-Limiter's storage,
so every worker counts together. The first refusal of the day raises one
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


def sent_today() -> int:
    return limiter.storage.get(f"sms-budget/{_today()}")


def exhausted() -> bool:
    """True once today's budget is spent; alerts the operator on the first refusal."""
    budget = current_app.config["SMS_DAILY_BUDGET"]
    sent = sent_today()
    if sent < budget:
        return False
    day = _today()
    # incr is atomic in every storage: exactly one worker sees 1 and raises the alert.
    if limiter.storage.incr(f"sms-budget-alert/{day}", KEEP_SECONDS) == 1:
        log.critical(
            "SMS daily budget used up: %d of %d messages sent on %s (WIB). No SMS, so no sign-in "
            "codes, will be sent until midnight WIB. Look for abuse, or raise SMS_DAILY_BUDGET.",
            sent,
            budget,
            day,
        )
    return True


def count_sent() -> None:
    limiter.storage.incr(f"sms-budget/{_today()}", KEEP_SECONDS)
