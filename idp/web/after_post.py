"""Post/redirect/get: a form post is answered with a redirect, never with a page.

A page shown in answer to a POST is a POST in the browser's history: back (or reload)
to it asks "confirm form resubmission", and confirming sends the form again. So a post
that must show something (a wrong code, a refused number) keeps what the page shows and
redirects (303, RFC 9110 §15.4.4) to the page by GET, which shows it once, with the
post's status code (400, 429 with Retry-After).

What is kept may be personal (the number as typed, a name, recovery codes): it travels
in the browser's signed cookie encrypted with the key-encryption key, for one page view
and at most `AFTER_POST_TTL_SECONDS`.
"""

import json
from typing import Any
from urllib.parse import urlsplit

from authlib.common.urls import add_params_to_uri
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, redirect, request, session
from werkzeug.wrappers import Response

KEY = "after_post"
AFTER_POST_TTL_SECONDS = 120  # the redirect follows at once; a stale one is dropped


def _fernet() -> Fernet:
    return Fernet(current_app.config["KEY_ENCRYPTION_KEY"].encode())


def show_again(
    status: int = 400, headers: dict[str, str] | None = None, to: str | None = None, **values: Any
) -> Response:
    """Redirect to `to` (this page by default), which then shows `values` once."""
    target = to or request.full_path.rstrip("?")
    if to and "ui_locales" in request.args:  # the page keeps the language the post was in
        target = add_params_to_uri(target, [("ui_locales", request.args["ui_locales"])])
    kept = {"path": urlsplit(target).path, "status": status, "headers": headers or {}, "values": values}
    session[KEY] = _fernet().encrypt(json.dumps(kept).encode()).decode()
    return redirect(target, code=303)


def shown() -> tuple[dict[str, Any], int, dict[str, str]]:
    """What the post before kept for this page (values, status, headers), taken once."""
    token = session.pop(KEY, None)
    if not token:
        return {}, 200, {}
    try:
        kept = json.loads(_fernet().decrypt(token.encode(), ttl=AFTER_POST_TTL_SECONDS))
    except InvalidToken:
        return {}, 200, {}
    if kept["path"] != request.path:
        return {}, 200, {}
    return kept["values"], kept["status"], kept["headers"]
