"""Server-side sessions behind a cookie: one store for citizens' and staff's sessions.

The cookie holds a random value; the session row holds only its SHA-256 digest,
so a leaked table signs nobody in. A new value is issued at every sign-in, so a
value planted in a browser before it never becomes a signed-in one. The two
kinds differ only in their cookie (name, SameSite, lifetime) and their table,
and a cookie is looked up only in its own table: neither side grants anything
on the other.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, g, request
from sqlalchemy import Select, bindparam, select

from idp.clock import now
from idp.extensions import db
from idp.security import digest, random_token


def by_cookie(model) -> Select:
    """The SELECT of `model`'s row by the digest of a cookie, for SessionCookie.find: built
    once by each caller (a session is looked up on every page and authorization)."""
    return select(model).where(model.cookie_digest == bindparam("cookie_digest"))


@dataclass(frozen=True)
class SessionCookie:
    name_setting: str  # the config key that names the cookie
    samesite: str
    # The config key of the cookie's lifetime; None: the browser forgets it when closed.
    max_age_setting: str | None
    # The config keys of the session's idle timeout and absolute lifetime, in seconds.
    idle_setting: str
    absolute_setting: str

    @property
    def _issued(self) -> str:
        return f"issued_{self.name_setting}"

    @property
    def _cleared(self) -> str:
        return f"cleared_{self.name_setting}"

    def find(self, statement: Select):
        """The row this browser's cookie names, by `statement` (a `by_cookie` SELECT, with
        what it refers to if that is wanted too); the caller checks whether it is alive."""
        value = request.cookies.get(current_app.config[self.name_setting])
        if not value:
            return None
        return db.session.scalar(statement, {"cookie_digest": digest(value)})

    def issue(self) -> str:
        """A new cookie value, sent with this response; returns the digest to store."""
        value = random_token()
        setattr(g, self._issued, value)
        return digest(value)

    def clear(self) -> None:
        setattr(g, self._cleared, True)

    def alive(self, last_seen_at: datetime, started_at: datetime) -> bool:
        """Within the idle timeout and the absolute lifetime."""
        config, moment = current_app.config, now()
        return moment - last_seen_at < timedelta(seconds=config[self.idle_setting]) and (
            moment - started_at < timedelta(seconds=config[self.absolute_setting])
        )

    def write(self, response):
        """after_request: set or clear the cookie, as decided during the request."""
        config = current_app.config
        options = {"path": "/", "secure": config["SESSION_COOKIE_SECURE"], "httponly": True, "samesite": self.samesite}
        name = config[self.name_setting]
        issued = g.get(self._issued)
        if issued:
            max_age = config[self.max_age_setting] if self.max_age_setting else None
            response.set_cookie(name, issued, max_age=max_age, **options)
        elif g.get(self._cleared):
            response.delete_cookie(name, **options)
        return response
