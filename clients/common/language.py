"""The service's pages in Bahasa Indonesia (the default) or English, as the citizen chooses.

The choice (`?lang=en` on any page, then the same page without it) is kept in a cookie of
its own, apart from the signed sign-in session that a sign-in starts afresh. It is passed
to JAKI ID as `ui_locales` (OIDC Core §3.1.2.1), so the sign-in speaks the same language
(without a choice: JAKI_UI_LOCALES if configured, else the page's Indonesian).
Texts are written in Indonesian in the templates, `t("…")`; their English is in ENGLISH
(clients/common/english.py) and, for a service's own pages, in its `english.py`.
"""

from urllib.parse import urlencode

from flask import Flask, current_app, redirect, request

from .english import ENGLISH

SUPPORTED = ("id", "en")
COOKIE = "lang"
PARAMETER = "lang"
ONE_YEAR_SECONDS = 365 * 24 * 3600


def current_language() -> str:
    """The citizen's choice; Indonesian until they make one."""
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in SUPPORTED else "id"


def chosen_language() -> str | None:
    """The language the citizen chose with the switch, if they did."""
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in SUPPORTED else None


def english(indonesian: str) -> str:
    """The service's own English (create_service_app(english=…)), else the shared one."""
    return current_app.config["SERVICE_ENGLISH"].get(indonesian) or ENGLISH.get(indonesian, indonesian)


def t(indonesian: str, **values) -> str:
    """A text in the page's language ({name} placeholders filled in)."""
    text = english(indonesian) if current_language() == "en" else indonesian
    return text.format(**values) if values else text


def _address(args: dict[str, list[str]]) -> str:
    query = urlencode(args, doseq=True)
    return f"{request.path}?{query}" if query else request.path


def switch_url(language: str) -> str:
    args = request.args.to_dict(flat=False)
    args[PARAMETER] = [language]
    return _address(args)


def remember_choice():
    """before_request: `?lang=` is kept in the cookie, then the page is shown without it."""
    if request.method != "GET" or PARAMETER not in request.args:
        return None
    args = request.args.to_dict(flat=False)
    chosen = args.pop(PARAMETER)[0]
    response = redirect(_address(args), code=303)
    if chosen in SUPPORTED:
        response.set_cookie(COOKIE, chosen, max_age=ONE_YEAR_SECONDS, httponly=True, samesite="Lax")
    return response


def init_app(app: Flask) -> None:
    app.before_request(remember_choice)
    app.jinja_env.globals.update(t=t, current_language=current_language, language_switch_url=switch_url)
