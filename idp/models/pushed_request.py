"""A pushed authorization request (RFC 9126): its parameters, kept until the
authorization that uses them completes. Only the request_uri's digest is stored."""

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class PushedAuthorizationRequest(Model):
    __tablename__ = "pushed_authorization_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_uri_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # RFC 9126 §2.2: bound to the client that pushed it.
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    params: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # Usable at /authorize until then (RFC 9126 §2.2 expires_in).
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Set when an authorization using it completed: one-time use (RFC 9126 §4, FAPI 2.0 5.3.2.2-12).
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
