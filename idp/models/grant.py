"""Authorization codes and tokens. Only SHA-256 digests are stored."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class AuthorizationCode(Model):
    __tablename__ = "authorization_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"))
    redirect_uri: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    nonce: Mapped[str | None] = mapped_column(Text)
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    # The browser session's id: the tokens are bound to it. Never sent to a service.
    sid: Mapped[str | None] = mapped_column(String(64))
    # Set only when the ID token is to carry it (max_age or prompt=login asked, OIDC Core 2).
    auth_time: Mapped[int | None] = mapped_column(Integer)
    acr: Mapped[str | None] = mapped_column(String(64))
    amr: Mapped[list | None] = mapped_column(JSON)
    # RFC 9449 §10: the DPoP key (JWK thumbprint) the token request must prove.
    dpop_jkt: Mapped[str | None] = mapped_column(String(64))
    # OIDC Core 5.5: single claims asked for and allowed, {"userinfo": [...], "id_token": [...]}.
    claims: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Presented again after it was used: its tokens are revoked, and none are saved after this.
    reused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    citizen = relationship("Citizen")

    # --- Authlib AuthorizationCodeMixin ----------------------------------------
    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return self.acr

    def get_amr(self):
        return self.amr


class Token(Model):
    """An access token and (optionally) its refresh token.

    Tokens from one authorization share a `family_id`: presenting a rotated
    refresh token revokes the whole family (RFC 9700 §4.14.2).
    """

    __tablename__ = "token"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(Text)
    # The scope the citizen granted the family (RFC 6749 §6), on every row, so the rows
    # before it can be purged; `scope` is this access token's, which a refresh may narrow.
    # Empty only on rows an earlier release wrote during a rolling deploy.
    granted_scope: Mapped[str | None] = mapped_column(Text)
    access_token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_token_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(64), index=True)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("authorization_code.id", ondelete="SET NULL"), index=True)
    sid: Mapped[str | None] = mapped_column(String(64))
    auth_time: Mapped[int | None] = mapped_column(Integer)
    # RFC 9449 §6: DPoP-bound (cnf.jkt): the access token is used with proofs of this key,
    # and the refresh token is redeemed with one.
    dpop_jkt: Mapped[str | None] = mapped_column(String(64))
    # Claims UserInfo releases besides those of the scope (the claims parameter, OIDC Core 5.5).
    claims: Mapped[list | None] = mapped_column(JSON)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    access_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    refresh_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    refresh_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    citizen = relationship("Citizen")

    # --- Authlib TokenMixin ----------------------------------------------------
    def check_client(self, client):
        return self.client_id == client.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return int((self.access_expires_at - self.issued_at).total_seconds())

    def is_expired(self):
        return now() >= self.access_expires_at

    def is_revoked(self):
        return self.revoked_at is not None

    def get_user(self):
        return self.citizen

    @property
    def access_token_active(self) -> bool:
        return not self.is_revoked() and not self.is_expired()

    @property
    def refresh_token_active(self) -> bool:
        return (
            self.refresh_token_digest is not None
            and self.revoked_at is None
            and self.refresh_rotated_at is None
            and self.refresh_expires_at is not None
            and now() < self.refresh_expires_at
        )
