"""The citizen's sign-in at this service, kept in the service's session cookie.

The session cookie is signed with the service's SECRET_KEY, so claims read
back from it are the ones validated at the callback.
"""

from dataclasses import asdict, dataclass
from functools import wraps

from flask import g, redirect, request, session, url_for

from .ended_sessions import has_ended

SESSION_KEY = "sign_in"


@dataclass(frozen=True)
class SignIn:
    id_token: str  # kept for `id_token_hint` at sign-out
    id_token_claims: dict
    userinfo: dict
    scope: str
    # The `acr_values` this sign-in asked for, if any, to compare with `acr`.
    requested_acr: str | None = None

    @property
    def sub(self):
        return self.id_token_claims["sub"]

    @property
    def acr(self):
        return self.id_token_claims.get("acr")

    def claim(self, name):
        return self.userinfo.get(name, self.id_token_claims.get(name))


def current_sign_in():
    """The sign-in in the cookie, unless JAKI ID has since ended its session (back-channel logout)."""
    if "sign_in" in g:
        return g.sign_in
    stored = session.get(SESSION_KEY)
    g.sign_in = SignIn(**stored) if stored else None
    if g.sign_in is not None and has_ended(g.sign_in.id_token_claims):
        forget_sign_in()
    return g.sign_in


def remember_sign_in(sign_in):
    # A fresh session on every sign-in, so nothing from before it survives.
    session.clear()
    session[SESSION_KEY] = asdict(sign_in)
    g.sign_in = sign_in


def forget_sign_in():
    session.clear()
    g.sign_in = None


def sign_in_required(view):
    """Send a citizen who has not signed in to JAKI ID, then back here."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if current_sign_in() is None:
            # A form post cannot be replayed after sign-in; come back to the home page.
            next_path = request.full_path.rstrip("?") if request.method == "GET" else "/"
            return redirect(url_for("auth.login", next=next_path))
        return view(*args, **kwargs)

    return guarded
