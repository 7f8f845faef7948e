"""Reading standard claims (OpenID Connect Core §5.1) into Python values."""

from datetime import date


def parse_birthdate(claim):
    """A `birthdate` as a date, or None.

    A withheld year is sent as 0000-MM-DD, which is no date to compute an age from.
    """
    try:
        return date.fromisoformat(claim)
    except (TypeError, ValueError):
        return None
