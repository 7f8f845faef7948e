"""No control characters in request parameters: refused before anything reads them.

None of our parameters has a use for one, not even tab or newline: OAuth values are
printable ASCII, and every form field a person fills in is a one-line <input>, into
which a browser puts neither. PostgreSQL refuses NUL in text outright, so a NUL that
got through would surface as a 500 halfway through a request, after some of it had
been written. Where the refusal happens, and how it reads:

  the pages (sign-in, account, staff) .. `reject_control_characters`, a before_request
                                         next to CSRF's `protect`: a 400 page
  /authorize ........................... named checks (idp/protocol/authorization_request.py):
                                         a page, or invalid_request redirected to the client
  /token, /revoke, /introspect ......... `malformed` (idp/oidc/token.py): invalid_request JSON
  /userinfo ............................ invalid_request (RFC 6750 §3.1)
"""

import re

from flask import request
from werkzeug.datastructures import MultiDict

from idp.web.errors import PageError
from idp.web.i18n import N_

# Unicode's category Cc: C0 (NUL, tab, newline, escape ...), DEL and C1.
CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTER.search(value) is not None


def with_control_characters(values: MultiDict) -> str | None:
    """The first parameter whose name or any value holds a control character, if one does."""
    for name, items in values.lists():
        if has_control_characters(name) or any(has_control_characters(item) for item in items):
            return name
    return None


def reject_control_characters() -> None:
    """before_request for the pages a person uses: a readable 400 page, before the view runs."""
    if with_control_characters(request.args) is not None or with_control_characters(request.form) is not None:
        raise PageError(
            "Invalid request",
            N_(
                "The request contains characters that are not allowed, such as a tab or a line break. "
                "Go back and try again."
            ),
        )
