"""A signed-in device as a person names it: "Chrome on Android", not its user-agent string.

Only the few browsers and systems Jakarta's phones and computers run are told apart;
anything else is an unknown browser. Order matters: Edge, Opera and Samsung Internet
say "Chrome" too, and Chrome says "Safari".
"""

from idp.web.i18n import N_
from idp.web.i18n import gettext as _

BROWSERS = (
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Opera", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("UCBrowser/", "UC Browser"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
UNKNOWN_BROWSER = N_("Unknown browser")


def _first(user_agent: str, known: tuple[tuple[str, str], ...]) -> str | None:
    return next((name for marker, name in known if marker in user_agent), None)


def device_name(user_agent: str | None) -> str:
    """ "Chrome on Android" (in the page's language), "Firefox", or "Unknown browser"."""
    user_agent = user_agent or ""
    browser, system = _first(user_agent, BROWSERS), _first(user_agent, SYSTEMS)
    if browser and system:
        return _("{browser} on {system}", browser=browser, system=system)
    return browser or system or _(UNKNOWN_BROWSER)
