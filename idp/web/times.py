"""Times as a citizen reads them: in Jakarta's time (WIB, UTC+7), in the page's language.

"3 Desember 2026, 14.05 WIB" in Indonesian, "December 3, 2026, 2:05 PM WIB" in English,
never UTC: the stored times are UTC and converted here (Flask-Babel's timezone is
Asia/Jakarta, set in create_app).
"""

from datetime import UTC, date, datetime

import flask_babel

from idp.web.i18n import current_locale

JAKARTA_TIMEZONE = "Asia/Jakarta"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _in_page_locale() -> None:
    # The page may have chosen its language after Flask-Babel first looked (idp/web/i18n.py).
    if str(flask_babel.get_locale()) != current_locale():
        flask_babel.refresh()


def jakarta_time(moment: datetime | None) -> str:
    """A template filter: date and time in WIB."""
    if moment is None:
        return "—"
    _in_page_locale()
    moment = _aware(moment)
    return f"{flask_babel.format_date(moment, 'long')}, {flask_babel.format_time(moment, 'short')} WIB"


def long_date(day: date | None) -> str:
    """A template filter: a calendar date as people write it ("17 Agustus 1990")."""
    if day is None:
        return "—"
    _in_page_locale()
    return flask_babel.format_date(day, "long")


def jakarta_date(moment: datetime | None) -> str:
    """A template filter: the date in Jakarta ("3 Desember 2026")."""
    _in_page_locale()
    return flask_babel.format_date(_aware(moment), "long") if moment is not None else "—"
