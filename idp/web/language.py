"""The language switch on every page: Bahasa Indonesia or English, kept for this browser.

A switch link is the page's own address with `lang=`: the choice is remembered in the
browser's signed cookie and the browser is sent back (303) to the same address without
it, so the citizen stays where they were (the same sign-in, the same step). A choice made
here comes before a service's `ui_locales` and the browser's Accept-Language
(idp/web/i18n.py): the citizen said it.
"""

from urllib.parse import urlencode

from flask import redirect, request, session

from idp.web.i18n import CHOICE, SUPPORTED

PARAMETER = "lang"


def _address(args: dict[str, list[str]]) -> str:
    query = urlencode(args, doseq=True)
    return f"{request.path}?{query}" if query else request.path


def remember_choice():
    """before_request: `?lang=en` on a page is remembered, then the page is shown without it."""
    if request.method != "GET" or PARAMETER not in request.args:
        return None
    chosen = request.args.get(PARAMETER, "")
    if chosen in SUPPORTED:
        session[CHOICE] = chosen
    args = request.args.to_dict(flat=False)
    args.pop(PARAMETER)
    args.pop("ui_locales", None)  # the choice now speaks for the page
    return redirect(_address(args), code=303)


def switch_url(locale: str) -> str:
    """This page in `locale` (a template global)."""
    args = request.args.to_dict(flat=False)
    args.pop("ui_locales", None)
    args[PARAMETER] = [locale]
    return _address(args)
