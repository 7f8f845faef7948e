"""Abuse controls for one-time codes: may this request have an SMS sent, and when.

  per number ...... OTP_PER_NUMBER_LIMIT, OTP_PER_NUMBER_DAILY_LIMIT and a
                    growing cooldown (cooldown_seconds): they protect the
                    citizen from a flood of SMS
  per IP, browser . OTP_PER_IP_LIMIT, OTP_PER_BROWSER_LIMIT: they protect the
                    SMS budget (idp/sms_budget.py); an IPv6 client counts as its
                    /64 (ratelimit.address_key)
  one at a time ... a short lock per number, taken before the per-number rules
                    are read and held until the code is counted, so of a burst
                    of parallel requests only one can pass them

Every counter is a moving window in Flask-Limiter's storage (idp/ratelimit.py):
every worker counts together and every limit expires on its own.

Never locked out for good: strangers can use up a number's shared quota, but
only until the windows move on. A browser in which the number was verified
before (the owner's) has a lane of its own: its codes count against the shared
quota too, but only its own lane, which strangers cannot touch, holds it back.
Only codes that actually left count per number, so a gateway failure costs
the citizen nothing.
"""

import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from limits import parse

from idp.extensions import limiter
from idp.security import digest
from idp.web import ratelimit

# One entry, the newest code of a lane: when it was sent. At least as long as any cooldown.
LAST_SENT = "1 per day"
LAST_SENT_WINDOW_SECONDS = 24 * 3600
# Outlives the slowest send (SMS_GATEWAY_ATTEMPTS × timeout); frees a number if a worker dies.
SENDING_LOCK_SECONDS = 60
# How long a browser stays the owner of a number it proved (in the limiter's storage, by browser id).
OWNER_MEMORY_SECONDS = 90 * 24 * 3600


class TooSoon(Exception):
    """Not now: a new code can be asked for in `seconds`."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


@dataclass(frozen=True)
class Requester:
    number: str  # E.164
    browser: str
    ip: str
    owner: bool  # the number was verified in this browser before

    @property
    def lane(self) -> tuple[str, ...]:
        """The per-number counters that may hold this request back."""
        if self.owner:
            return ("otp-owner", self.number, self.browser)
        return ("otp-number", self.number)

    @property
    def lanes_counted(self) -> list[tuple[str, ...]]:
        """The per-number counters a code sent for this request counts in."""
        return [("otp-number", self.number)] + ([self.lane] if self.owner else [])


def _owner_key(number: str, browser: str) -> str:
    # A digest: the limiter's storage never holds the number itself.
    return f"otp-owner/{browser}/{digest(number)}"


def requester(number: str, browser: str) -> Requester:
    owner = limiter.storage.get(_owner_key(number, browser)) > 0
    return Requester(number, browser, ratelimit.client_address_key(), owner)


def remember_owner(number: str, browser: str) -> None:
    """The code came back in this browser: from now on it has its own lane for the number."""
    limiter.storage.incr(_owner_key(number, browser), OWNER_MEMORY_SECONDS)
    # The cooldown is there to wait for the SMS; it arrived, so the wait is over (the quotas stay),
    # and signing in on a second device right away needs no waiting either.
    for lane in requester(number, browser).lanes_counted:
        limiter.limiter.clear(parse(LAST_SENT), *lane)


def cooldown_seconds(codes_sent: int) -> int:
    """30 s after the first code, 60 s after the second, 120 s … never more than the max."""
    if codes_sent <= 0:
        return 0
    config = current_app.config
    return min(config["OTP_COOLDOWN_FIRST_SECONDS"] * 2 ** (codes_sent - 1), config["OTP_COOLDOWN_MAX_SECONDS"])


def _codes_sent(limit: str, lane) -> int:
    item = parse(limit)
    return item.amount - limiter.limiter.get_window_stats(item, *lane).remaining


def _cooldown_left(lane) -> int:
    if ratelimit.test(LAST_SENT, *lane):
        return 0  # nothing sent in the last day
    reset_at = limiter.limiter.get_window_stats(parse(LAST_SENT), *lane).reset_time
    sent_at = reset_at - LAST_SENT_WINDOW_SECONDS
    codes = _codes_sent(current_app.config["OTP_PER_NUMBER_DAILY_LIMIT"], lane)
    left = sent_at + cooldown_seconds(codes) - time.time()
    # Redis hands timestamps back with ~0.1 ms precision: don't let that noise add a second.
    return max(math.ceil(round(left, 2)), 0)


def _number_windows(who: Requester) -> list[tuple[str, tuple[str, ...]]]:
    config = current_app.config
    return [(config["OTP_PER_NUMBER_LIMIT"], who.lane), (config["OTP_PER_NUMBER_DAILY_LIMIT"], who.lane)]


def _capacity_windows(who: Requester) -> list[tuple[str, tuple[str, ...]]]:
    config = current_app.config
    return [
        (config["OTP_PER_IP_LIMIT"], ("otp-ip", who.ip)),
        (config["OTP_PER_BROWSER_LIMIT"], ("otp-browser", who.browser)),
    ]


def _window_frees_in(limit: str, key) -> int:
    """Seconds until the window has room again, so that waiting exactly this long works."""
    reset_at = limiter.limiter.get_window_stats(parse(limit), *key).reset_time
    # An entry still counts at the very second it expires, hence + 1; Redis hands
    # timestamps back with ~0.1 ms precision, hence the small allowance before flooring.
    return math.floor(reset_at - time.time() + 0.01) + 1


def seconds_to_wait(who: Requester) -> int:
    """0 if a code may be sent now; otherwise how long until one may. Counts nothing."""
    windows = _number_windows(who) + _capacity_windows(who)
    waits = [_cooldown_left(who.lane)]
    waits += [_window_frees_in(limit, key) for limit, key in windows if not ratelimit.test(limit, *key)]
    return max(waits)


@contextmanager
def sending(who: Requester):
    """Around sending one code: raises TooSoon, or counts the code once the block succeeds.

    The lock comes first: the per-number rules are read and the code counted under it.
    Read before it, a request could pass them while another one sends, and take the
    lock the moment that one let go, with a code already on its way.
    """
    lock = f"otp-sending/{who.number}"
    if limiter.storage.incr(lock, SENDING_LOCK_SECONDS) != 1:
        raise TooSoon(cooldown_seconds(1))  # a code to this number is on its way right now
    try:
        wait = seconds_to_wait(who)
        if wait:
            raise TooSoon(wait)
        # Attempts count per IP and browser even if the gateway fails: they guard our capacity.
        for limit, key in _capacity_windows(who):
            verdict = ratelimit.hit(limit, *key)
            if not verdict.allowed:
                raise TooSoon(verdict.retry_after_seconds)
        yield
        _count_sent(who)
    finally:
        limiter.storage.clear(lock)


def _count_sent(who: Requester) -> None:
    config = current_app.config
    for lane in who.lanes_counted:
        ratelimit.hit(config["OTP_PER_NUMBER_LIMIT"], *lane)
        ratelimit.hit(config["OTP_PER_NUMBER_DAILY_LIMIT"], *lane)
        limiter.limiter.clear(parse(LAST_SENT), *lane)
        ratelimit.hit(LAST_SENT, *lane)
