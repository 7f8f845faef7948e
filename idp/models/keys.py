"""Signing keys. The private part is encrypted with the key-encryption key."""

from datetime import datetime

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class SigningKey(Model):
    __tablename__ = "signing_key"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(10))
    public_jwk: Mapped[dict] = mapped_column(JSON)
    private_jwk_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # Published from creation, signs from activated_at until retired_at, and
    # stays in the JWKS until unpublish_after (see idp/protocol/keys.py).
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unpublish_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Compromised (`flask keys rotate --now`): from then on it is not published,
    # signs nothing and verifies nothing.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
