"""How many sign-ins one client address may start.

Each start stores an Interaction row (idp/interaction/transaction.py) for up to
INTERACTION_TTL_SECONDS before anyone has signed in, so without a limit anyone
could fill the table. Counted per client address (an IPv6 /64 as one,
ratelimit.client_address_key) against AUTHORIZE_PER_IP_LIMIT; past it, a person
is at the browser, so the answer is a page to read (429, Retry-After), never a
redirect to a client.

With the counters out of reach (Redis down), a browser without a session gets the
503 page; a signed-in citizen's single sign-on to a service goes on (it sends no
SMS, and its row expires like any other): sign-ins in a rush keep working.
"""

import logging

from flask import current_app

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.services.browser_sessions import current_session
from idp.web import ratelimit
from idp.web.errors import OUTAGES, PageError
from idp.web.i18n import N_, format_wait

log = logging.getLogger(__name__)


def count_sign_in_start() -> None:
    """Count one sign-in about to be started from this address; a 429 page past the limit."""
    limit = current_app.config["AUTHORIZE_PER_IP_LIMIT"]
    try:
        verdict = ratelimit.hit(limit, "sign-in-start", "ip", ratelimit.client_address_key())
    except OUTAGES:
        if current_session() is None:
            raise
        log.warning("sign-in started uncounted: the rate-limit storage is unreachable and the citizen is signed in")
        return
    if not verdict.allowed:
        audit_log.append(audit.LIMIT_HIT, actor=audit_log.ANONYMOUS, details={"limit": "sign_in_start"})
        db.session.commit()
        wait = verdict.retry_after_seconds
        raise PageError(
            "Too many sign-in requests",
            N_("Too many sign-in requests came from your network. Try again in {wait}."),
            429,
            retry_after=wait,
            wait=format_wait(wait),
        )
