"""Error pages: what a person reads when something cannot go on.

OAuth errors for a relying party are idp/protocol/errors.py; one that cannot be
redirected (RFC 6749 §4.1.2.1, RFC 9700 §4.11) becomes a PageError here.

An outage of the database or of the rate-limit storage (Redis) is a 503 with
Retry-After (RFC 9110 §15.6.4), never a decision: nothing is sent and nobody is
signed in. The endpoints programs call answer it in JSON, the others with a page.
"""

import logging

import limits.errors
import redis.exceptions
import sqlalchemy.exc
from flask import jsonify, render_template, request, url_for

from idp.operations import metrics
from idp.web import after_post
from idp.web.i18n import N_, format_wait
from idp.web.i18n import gettext as _

log = logging.getLogger(__name__)


class PageError(Exception):
    """Something a person must read: shown as a page, never redirected."""

    def __init__(self, title: str, detail: str, status: int = 400, retry_after: int | None = None, **values):
        super().__init__(detail)
        self.title = title
        self.detail = detail
        self.status = status
        self.retry_after = retry_after  # seconds, for a 429 or 503
        self.values = values  # filled into the translated detail


# Blueprints whose posts are a person's forms: an error there is shown after a redirect.
PERSON_FORMS = frozenset({"signin", "staff"})


def render_error_page(error: PageError):
    detail = _(error.detail, **error.values)
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after is not None else {}
    if request.method == "POST" and request.blueprint in PERSON_FORMS:
        # Post/redirect/get (idp/web/after_post.py): back or reload never sends the form again.
        problem = url_for("home.problem")
        return after_post.show_again(error.status, headers, to=problem, title=_(error.title), detail=detail)
    return render_template("error.html", title=_(error.title), detail=detail), error.status, headers


# A store we cannot do without is down or out of reach: the database (a refused, dropped
# or deadlocked connection; no free connection in the pool) or the rate-limit storage.
OUTAGES = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.TimeoutError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    limits.errors.StorageError,
)
OUTAGE_RETRY_AFTER_SECONDS = 30
# The endpoints programs call: they answer in JSON, an outage too.
JSON_ENDPOINTS = frozenset(
    {
        "oidc.token",
        "oidc.revoke",
        "oidc.introspect",
        "oidc.userinfo",
        "oidc.jwks",
        "oidc.openid_configuration",
        "oidc.register",
        "oidc.client_configuration",
    }
)


def unavailable(error: BaseException):
    log.error("a store is unavailable: %s", error, exc_info=error)
    metrics.ERRORS.labels("outage").inc()
    if request.endpoint in JSON_ENDPOINTS:
        # The code RFC 6749 §4.1.2.1 defines for this (at the authorization endpoint).
        body = {"error": "temporarily_unavailable", "error_description": "Try again in a moment."}
        headers = {"Retry-After": str(OUTAGE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
        return jsonify(body), 503, headers
    return render_error_page(
        PageError(
            "Temporarily unavailable",
            N_("JAKI ID cannot serve this page just now. Please try again in a minute."),
            503,
            retry_after=OUTAGE_RETRY_AFTER_SECONDS,
        )
    )


def register_error_handlers(app):
    from idp.mfa.second_factor import TooManyAttempts

    app.register_error_handler(PageError, render_error_page)
    for outage in OUTAGES:
        app.register_error_handler(outage, unavailable)

    @app.errorhandler(TooManyAttempts)
    def too_many_second_factor_attempts(error):
        wait = error.retry_after_seconds
        detail = N_("Too many wrong codes. Try again in {wait}.")
        return render_error_page(
            PageError("Too many wrong codes", detail, 429, retry_after=wait, wait=format_wait(wait))
        )

    @app.errorhandler(404)
    def not_found(_error):
        return render_error_page(PageError("Page not found", N_("The address you opened does not exist."), 404))

    @app.errorhandler(405)
    def method_not_allowed(_error):
        return render_error_page(PageError("Not allowed", N_("This page does not accept that kind of request."), 405))

    @app.errorhandler(500)
    def server_error(error):
        original = getattr(error, "original_exception", None)
        if isinstance(original, OUTAGES):  # raised after the view, in an after_request
            return unavailable(original)
        log.exception("unexpected error", exc_info=original or error)
        metrics.ERRORS.labels("unexpected").inc()
        return render_error_page(PageError("Something went wrong", N_("Please try again in a moment."), 500))
