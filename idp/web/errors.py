"""Error pages: what a person reads when something cannot go on.

OAuth errors for a relying party are idp/protocol/errors.py; one that cannot be
redirected (RFC 6749 §4.1.2.1, RFC 9700 §4.11) becomes a PageError here.
"""

import logging

from flask import render_template

from idp.web.i18n import N_, format_wait
from idp.web.i18n import gettext as _

log = logging.getLogger(__name__)


class PageError(Exception):
    """Something a person must read: shown as a page, never redirected."""

    def __init__(self, title: str, detail: str, status: int = 400, **values):
        super().__init__(detail)
        self.title = title
        self.detail = detail
        self.status = status
        self.values = values  # filled into the translated detail


def render_error_page(error: PageError):
    detail = _(error.detail, **error.values)
    return render_template("error.html", title=_(error.title), detail=detail), error.status


def register_error_handlers(app):
    from idp.mfa.second_factor import TooManyAttempts

    app.register_error_handler(PageError, render_error_page)

    @app.errorhandler(TooManyAttempts)
    def too_many_second_factor_attempts(error):
        wait = error.retry_after_seconds
        page, status = render_error_page(
            PageError(
                "Too many wrong codes", N_("Too many wrong codes. Try again in {wait}."), 429, wait=format_wait(wait)
            )
        )
        return page, status, {"Retry-After": str(wait)}

    @app.errorhandler(404)
    def not_found(_error):
        return render_error_page(PageError("Page not found", N_("The address you opened does not exist."), 404))

    @app.errorhandler(405)
    def method_not_allowed(_error):
        return render_error_page(PageError("Not allowed", N_("This page does not accept that kind of request."), 405))

    @app.errorhandler(500)
    def server_error(error):
        log.exception("unexpected error", exc_info=getattr(error, "original_exception", error))
        return render_error_page(PageError("Something went wrong", N_("Please try again in a moment."), 500))
