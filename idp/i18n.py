"""Indonesian by default, English on request (`ui_locales`, Accept-Language).

Messages are written in English in the code and templates; the Indonesian
text lives in translations/id.py.
"""

from flask import g, request

from .translations import id as indonesian

SUPPORTED = ("id", "en")
DEFAULT = "id"
_CATALOGS = {"id": indonesian.MESSAGES}


def pick_locale(ui_locales: str | None = None) -> str:
    """First supported tag of `ui_locales` (OIDC Core 3.1.2.1), then Accept-Language."""
    for tag in (ui_locales or "").split():
        base = tag.split("-")[0].lower()
        if base in SUPPORTED:
            return base
    if request:
        best = request.accept_languages.best_match(SUPPORTED)
        if best:
            return best
    return DEFAULT


def current_locale() -> str:
    locale = getattr(g, "locale", None)
    if locale is None:
        locale = g.locale = pick_locale(request.args.get("ui_locales"))
    return locale


def gettext(message: str, **values) -> str:
    text = _CATALOGS.get(current_locale(), {}).get(message, message)
    return text.format(**values) if values else text


def translate_to(locale: str, message: str, **values) -> str:
    text = _CATALOGS.get(locale, {}).get(message, message)
    return text.format(**values) if values else text
