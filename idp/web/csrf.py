"""CSRF protection for every form a person submits (synchronizer token)."""

import hmac
import secrets

from flask import request, session

from idp.web.errors import PageError
from idp.web.i18n import N_

FIELD = "csrf_token"


def csrf_token() -> str:
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def protect():
    """before_request for the browser blueprints: POSTs must carry our token."""
    if request.method != "POST":
        return
    sent = request.form.get(FIELD, "")
    expected = session.get(FIELD)
    # As bytes: compare_digest refuses a str with non-ASCII characters, which anyone can send.
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise PageError(
            "This form has expired",
            N_("Go back, reload the page and try again."),
        )
