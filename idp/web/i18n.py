"""Indonesian by default, English on request (`ui_locales`, Accept-Language),
through Flask-Babel.

Messages are written in English in the code and templates (the msgids); the
Indonesian catalog is translations/id/LC_MESSAGES/messages.po, compiled to
messages.mo with `pybabel compile -d idp/translations`. Placeholders use
str.format style: `_("Share with {service}?", service=name)`. `pybabel extract`
finds them as babel.cfg says, which also tells how to refresh the catalog.
"""

import flask_babel
from flask import g, has_request_context, request, session

SUPPORTED = ("id", "en")
DEFAULT = "id"
CHOICE = "locale"  # in the browser's cookie: the language chosen with the switch (idp/web/language.py)


def pick_locale(ui_locales: str | None = None) -> str:
    """The citizen's own choice (the switch), then the first supported tag of `ui_locales`
    (OIDC Core 3.1.2.1), then Accept-Language."""
    chosen = session.get(CHOICE) if has_request_context() else None
    if chosen in SUPPORTED:
        return chosen
    for tag in (ui_locales or "").split():
        base = tag.split("-")[0].lower()
        if base in SUPPORTED:
            return base
    if has_request_context():
        best = request.accept_languages.best_match(SUPPORTED)
        if best:
            return best
    return DEFAULT


def current_locale() -> str:
    """The page's language; also Flask-Babel's locale selector."""
    locale = getattr(g, "locale", None)
    if locale is None:
        locale = g.locale = pick_locale(request.args.get("ui_locales"))
    return locale


def N_(message: str) -> str:
    """Marks a message that is translated later, where it is shown (for `pybabel extract`)."""
    return message


def gettext(message: str, **values) -> str:
    # Pages choose their language once they know the request (say, after the
    # paused authorization request is loaded): follow it if it changed.
    if str(flask_babel.get_locale()) != current_locale():
        flask_babel.refresh()
    text = flask_babel.gettext(message)
    return text.format(**values) if values else text


def translate_to(locale: str, message: str, **values) -> str:
    """`message` in another language than the page's (an SMS to a citizen)."""
    with flask_babel.force_locale(locale):
        text = flask_babel.gettext(message)
    return text.format(**values) if values else text


def format_wait(seconds: int) -> str:
    """45 → "0:45", 3725 → "1:02:05": a wait as the citizen reads a clock."""
    minutes, secs = divmod(max(seconds, 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
