"""Cross-site request forgery protection for the services' forms.

A random token in the session must come back in every POST form. The session
cookie is SameSite=Lax too, but the four services share the `localhost` site,
so that alone would not stop one of them from posting to another.
"""

import hmac
import secrets

from flask import abort, request, session

SESSION_KEY = "csrf_token"
FORM_FIELD = "csrf_token"


def csrf_token():
    if SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(32)
    return session[SESSION_KEY]


# JAKI ID's back-channel logout: a server's POST, no browser, no cookie; the signed
# logout token is its proof (clients/common/backchannel.py).
EXEMPT_ENDPOINTS = {"backchannel.backchannel_logout"}


def check_csrf_token():
    if request.method != "POST" or request.endpoint in EXEMPT_ENDPOINTS:
        return
    expected = session.get(SESSION_KEY)
    sent = request.form.get(FORM_FIELD, "")
    # As bytes: compare_digest refuses a str with non-ASCII characters, which anyone can send.
    if not expected or not hmac.compare_digest(expected.encode(), sent.encode()):
        abort(400, "Formulir kedaluwarsa. Muat ulang halaman dan coba lagi.")


def init_app(app):
    app.before_request(check_csrf_token)
    app.jinja_env.globals["csrf_token"] = csrf_token
