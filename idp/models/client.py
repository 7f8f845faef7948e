"""A relying party (an agency's service), registered by an operator."""

from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime
from idp.security import verify_client_secret

# OIDC Registration `token_endpoint_auth_method`: the one list of what a client may use.
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt", "none")


class Client(Model):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # the service, as citizens know it: "Pajak Daerah"
    agency: Mapped[str | None] = mapped_column(String(200))  # who runs it: "Bapenda DKI Jakarta"
    secret_digest: Mapped[str | None] = mapped_column(String(128))
    redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    post_logout_redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(Text, default="openid")
    # Why the service asks for each scope, in its own words, shown on the consent page and
    # kept in the consent log with the version (raised whenever the purposes change).
    purposes: Mapped[dict] = mapped_column(JSON, default=dict)
    purpose_version: Mapped[int] = mapped_column(Integer, default=1)
    token_endpoint_auth_method: Mapped[str] = mapped_column(String(40))
    jwks: Mapped[dict | None] = mapped_column(JSON)
    jwks_uri: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(String(255))
    id_token_signed_response_alg: Mapped[str] = mapped_column(String(10), default="RS256")
    # OIDC Registration §2: UserInfo as a signed JWT (OIDC Core 5.3.2) when set; JSON otherwise.
    userinfo_signed_response_alg: Mapped[str | None] = mapped_column(String(10))
    # Nested JWTs, signed then encrypted to the client's key (OIDC Core 10.2), when set.
    id_token_encrypted_response_alg: Mapped[str | None] = mapped_column(String(20))
    id_token_encrypted_response_enc: Mapped[str | None] = mapped_column(String(20))
    userinfo_encrypted_response_alg: Mapped[str | None] = mapped_column(String(20))
    userinfo_encrypted_response_enc: Mapped[str | None] = mapped_column(String(20))
    # OpenID Connect Back-Channel Logout 1.0 §2.2.
    backchannel_logout_uri: Mapped[str | None] = mapped_column(Text)
    backchannel_logout_session_required: Mapped[bool] = mapped_column(Boolean, default=False)
    require_pkce: Mapped[bool] = mapped_column(Boolean, default=True)
    # RFC 9126 §6: authorization requests only through the PAR endpoint.
    require_pushed_authorization_requests: Mapped[bool] = mapped_column(Boolean, default=False)
    # RFC 9449 §5.2: every token request must carry a DPoP proof (sender-constrained tokens).
    dpop_bound_access_tokens: Mapped[bool] = mapped_column(Boolean, default=False)
    # "fapi2": the FAPI 2.0 Security Profile, enforced whole (idp/protocol/fapi2.py).
    profile: Mapped[str | None] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # A service for people who must not be traced (complainants): it receives only
    # `openid` and its pairwise `sub`, whatever it asks for (idp/protocol/claims.py).
    protected: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # OIDC Registration §2: the service's home page. A signed-in citizen back at a sign-in
    # that is over goes there (idp/interaction/expired.py): the only address they are sent to.
    client_uri: Mapped[str | None] = mapped_column(Text)
    # Shown on the consent page (OIDC Registration §2).
    logo_uri: Mapped[str | None] = mapped_column(Text)
    policy_uri: Mapped[str | None] = mapped_column(Text)
    tos_uri: Mapped[str | None] = mapped_column(Text)
    # OIDC Core 8.1: a JSON list, fetched at registration, of every redirect URI.
    sector_identifier_uri: Mapped[str | None] = mapped_column(Text)
    # Self-registered (RFC 7591): with which initial access token, and the digest of
    # the registration access token that reads, updates and deletes it (RFC 7592).
    initial_access_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("initial_access_token.id", ondelete="SET NULL"), index=True
    )
    registration_access_token_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Deleted by its agency (RFC 7592 §2.3): disabled for good.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # --- Authlib ClientMixin -------------------------------------------------

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        # OIDC Core 3.1.2.1: redirect_uri is REQUIRED; never fall back.
        return None

    def get_allowed_scope(self, scope):
        if not scope:
            return ""
        allowed = set(self.scope.split())
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri):
        # Exact string comparison (RFC 9700 §4.1.3): no prefix, case or port games.
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        if not self.secret_digest:
            return False  # no secret registered (a public or private_key_jwt client)
        return verify_client_secret(client_secret, self.secret_digest)

    def check_endpoint_auth_method(self, method, endpoint):
        # Only the registered method is accepted, at every endpoint.
        return method == self.token_endpoint_auth_method

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token")

    # --- Ours ----------------------------------------------------------------

    @property
    def is_public(self) -> bool:
        return self.token_endpoint_auth_method == "none"

    @property
    def is_fapi2(self) -> bool:
        return self.profile == "fapi2"

    @property
    def pkce_required(self) -> bool:
        # FAPI 2.0 5.3.2.2-5: PKCE with S256 for every request.
        return self.is_public or self.require_pkce or self.is_fapi2

    @property
    def requires_par(self) -> bool:
        # FAPI 2.0 5.3.2.2-3: only pushed authorization requests.
        return self.require_pushed_authorization_requests or self.is_fapi2

    @property
    def requires_dpop(self) -> bool:
        # FAPI 2.0 5.3.2.1-4: only sender-constrained access tokens (DPoP here).
        return self.dpop_bound_access_tokens or self.is_fapi2

    @property
    def sector_identifier(self) -> str:
        """OIDC Core 8.1: the sector is the registered one, else the redirect host."""
        if self.sector:
            return self.sector
        hosts = {urlsplit(uri).hostname for uri in self.redirect_uris}
        return sorted(hosts)[0] if hosts else self.client_id
