"""Clients (relying parties): registering them, their one-time secret, and finding them.

Every query of the client table is here; a disabled client is found by `find`
(the operator's view) but never by `find_live` (every protocol endpoint).
"""

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.models import Client
from idp.models.client import AUTH_METHODS
from idp.outbound import client_jwks
from idp.outbound.addresses import LOOPBACK_HOSTS, FetchRefused, url_problem
from idp.outbound.addresses import loopback_allowed as loopback_http_allowed  # (the name callers know)
from idp.protocol import client_keys, fapi2, sensitive_scopes, token_metadata
from idp.protocol.client_metadata import (
    DISPLAY_URIS,
    BadRedirectUri,
    InvalidClientMetadata,
    check_display_uri,
    check_sector_identifier,
    sector_host,
)
from idp.protocol.encryption_algs import can_receive
from idp.protocol.keys import SUPPORTED_ALGS, ensure_keys, signing_algs, signs_from
from idp.protocol.scopes import SCOPES_SUPPORTED
from idp.security import client_secret_digest, random_token
from idp.services import client_copies, client_purposes, tokens

# OIDC Registration §2 addresses a person follows: https (loopback http in development).
PAGE_URIS = ("client_uri", *DISPLAY_URIS)


@dataclass
class ClientSpec:
    name: str  # the service, as citizens know it ("Pajak Daerah")
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str] = field(default_factory=list)
    scope: str = "openid profile phone"
    auth_method: str = "client_secret_basic"
    jwks: dict | None = None
    jwks_uri: str | None = None
    sector: str | None = None
    id_token_alg: str = "RS256"
    require_pkce: bool = True
    require_pushed_authorization_requests: bool = False
    dpop_bound_access_tokens: bool = False
    profile: str | None = None  # "fapi2": the FAPI 2.0 Security Profile (idp/protocol/fapi2.py)
    # Named as in OIDC Registration §2 and Back-Channel Logout 1.0 §2.2.
    userinfo_signed_response_alg: str | None = None
    id_token_encrypted_response_alg: str | None = None
    id_token_encrypted_response_enc: str | None = None
    userinfo_encrypted_response_alg: str | None = None
    userinfo_encrypted_response_enc: str | None = None
    backchannel_logout_uri: str | None = None
    backchannel_logout_session_required: bool = False
    protected: bool = False
    # OIDC Registration §2: the service's home page (where a citizen back at a finished
    # sign-in goes), then what the consent page shows.
    client_uri: str | None = None
    logo_uri: str | None = None
    policy_uri: str | None = None
    tos_uri: str | None = None
    sector_identifier_uri: str | None = None
    # scope -> why the service asks for it; required from operators (the CLI), None from a
    # dynamic registration (RFC 7591 has no such member: the consent page shows none).
    purposes: dict[str, str] | None = None
    agency: str | None = None  # who runs it ("Bapenda DKI Jakarta"), shown apart from the name


def validate_redirect_uri(uri: str):
    """https, or http on a loopback host (RFC 8252 §7.3); no fragment (RFC 6749 §3.1.2)."""
    parts = urlsplit(uri)
    if parts.fragment or "#" in uri:
        raise BadRedirectUri(f"redirect URI must not contain a fragment: {uri}")
    if parts.username or parts.password:
        raise BadRedirectUri(f"redirect URI must not contain user info: {uri}")
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return
    raise BadRedirectUri(f"redirect URI must be https (or http on localhost): {uri}")


def check_jwks(jwks: dict):
    """Public keys only, each usable by us (idp/protocol/client_keys.py)."""
    if problem := client_keys.jwks_problem(jwks):
        raise InvalidClientMetadata(problem)


def check_id_token_alg(alg: str):
    """Only an algorithm that signs now (what discovery advertises): a key published
    for a newly added algorithm signs after the rollover, and until then its
    clients could get no ID token."""
    if alg not in SUPPORTED_ALGS:
        raise InvalidClientMetadata(f"ID token algorithm must be one of {SUPPORTED_ALGS}")
    if alg not in signing_algs():
        pending = signs_from(alg)
        when = f" (its key signs from {pending.isoformat()})" if pending else ""
        raise InvalidClientMetadata(f"ID token algorithm {alg} does not sign yet{when}; one of {signing_algs()}")


def validate(spec: ClientSpec):
    if not spec.name.strip():
        raise InvalidClientMetadata("name must not be empty")
    if not spec.redirect_uris:
        raise InvalidClientMetadata("at least one redirect URI is required")
    for uri in spec.redirect_uris:
        validate_redirect_uri(uri)
    for uri in spec.post_logout_redirect_uris:
        try:
            validate_redirect_uri(uri)
        except BadRedirectUri as error:  # RFC 7591 keeps invalid_redirect_uri for redirect_uris
            raise InvalidClientMetadata(f"post_logout_redirect_uris: {error}") from None
    scopes = spec.scope.split()
    unknown = [s for s in scopes if s not in SCOPES_SUPPORTED]
    if "openid" not in scopes or unknown:
        raise InvalidClientMetadata(
            f"scope must include openid and only supported scopes {SCOPES_SUPPORTED}; unknown: {unknown}"
        )
    if spec.purposes is not None and (problem := client_purposes.problem(scopes, spec.purposes)):
        raise InvalidClientMetadata(problem)
    if problem := sensitive_scopes.registration_problem(spec):
        raise InvalidClientMetadata(problem)
    hosts = {urlsplit(uri).hostname for uri in spec.redirect_uris}
    if len(hosts) > 1 and not (spec.sector or spec.sector_identifier_uri):
        # OIDC Core 8.1: with redirect URIs on several hosts the pairwise sector
        # must be chosen, or adding a host later would change every citizen's sub.
        raise InvalidClientMetadata(
            "redirect URIs on several hosts need a sector (--sector) or a sector_identifier_uri"
        )
    if spec.auth_method not in AUTH_METHODS:
        raise InvalidClientMetadata(f"auth method must be one of {AUTH_METHODS}")
    check_id_token_alg(spec.id_token_alg)
    if spec.jwks and spec.jwks_uri:
        raise InvalidClientMetadata("jwks and jwks_uri are mutually exclusive")
    if spec.auth_method == "private_key_jwt":
        if not (spec.jwks or spec.jwks_uri):
            raise InvalidClientMetadata("private_key_jwt needs --jwks or --jwks-uri")
    elif (spec.jwks or spec.jwks_uri) and not token_metadata.encrypts(spec):
        raise InvalidClientMetadata("keys are only used with --auth-method private_key_jwt or encrypted responses")
    if spec.profile is not None:
        _check_profile(spec)
    if spec.jwks:
        check_jwks(spec.jwks)
    if spec.jwks_uri:
        problem = url_problem(spec.jwks_uri)  # the fetcher's own rule (OIDC Registration §2)
        if problem:
            raise InvalidClientMetadata(f"jwks_uri {problem}")
    if problem := token_metadata.first_problem(spec, loopback_http_allowed()):
        raise InvalidClientMetadata(problem)
    if spec.jwks_uri and sensitive_scopes.sensitive_scopes(spec.scope):
        check_encryption_keys_at(spec)
    for name in PAGE_URIS:
        check_display_uri(name, getattr(spec, name))
    if spec.sector_identifier_uri:  # last: it is fetched
        check_sector_identifier(spec.sector_identifier_uri, spec.redirect_uris)


def check_encryption_keys_at(spec: ClientSpec):
    """A client allowed a sensitive scope must be reachable before it is registered: its
    jwks_uri is fetched now (guarded, idp/outbound/) and must hold a key for each algorithm."""
    assert spec.jwks_uri is not None  # (the caller's condition)
    try:
        keys = client_jwks.key_set(spec.jwks_uri, fresh=True)
    except FetchRefused as error:
        raise InvalidClientMetadata(f"jwks_uri could not be fetched to find the encryption key: {error}") from None
    published = [key.as_dict(private=False) for key in keys.keys]
    for what in sensitive_scopes.ENCRYPTED_RESPONSES:
        alg = getattr(spec, f"{what}_encrypted_response_alg")
        if not any(can_receive(key, alg) for key in published):
            raise InvalidClientMetadata(f"the JWKS at jwks_uri has no encryption key (use enc) for {alg}")


def sector_of(spec: ClientSpec) -> str | None:
    """OIDC Core 8.1: the host of the sector_identifier_uri, else of the redirect URI."""
    if spec.sector_identifier_uri:
        return sector_host(spec.sector_identifier_uri)
    return urlsplit(spec.redirect_uris[0]).hostname


def _check_profile(spec: ClientSpec):
    if spec.profile not in fapi2.PROFILES:
        raise InvalidClientMetadata(f"profile must be one of {fapi2.PROFILES}")
    problems = fapi2.registration_problems(
        spec.auth_method, spec.id_token_alg, spec.redirect_uris, spec.jwks, loopback_http_allowed()
    )
    if problems:
        raise InvalidClientMetadata("; ".join(problems))


def new_client_id() -> str:
    # Hex: never starts with "-", which a command line would take for an option.
    return secrets.token_hex(16)


def register(spec: ClientSpec, agency: str | None = None, **columns) -> tuple[Client, str | None]:
    """Create the client; return it and its secret (shown once, stored as a digest).
    `agency` registered it itself (RFC 7591); `columns` are set on the new row too."""
    ensure_keys()  # a fresh deployment's first keys (published before anything signs)
    validate(spec)
    secret = None if spec.auth_method in ("none", "private_key_jwt") else random_token()
    fapi2_profile = spec.profile == fapi2.PROFILE
    client = Client(
        client_id=new_client_id(),
        name=spec.name.strip(),
        agency=spec.agency.strip() if spec.agency and spec.agency.strip() else None,
        secret_digest=client_secret_digest(secret) if secret else None,
        redirect_uris=spec.redirect_uris,
        post_logout_redirect_uris=spec.post_logout_redirect_uris,
        scope=" ".join(dict.fromkeys(spec.scope.split())),
        token_endpoint_auth_method=spec.auth_method,
        jwks=spec.jwks,
        jwks_uri=spec.jwks_uri,
        # Fixed at registration: later redirect URIs never change the subs.
        sector=spec.sector or sector_of(spec),
        id_token_signed_response_alg=spec.id_token_alg,
        # Public clients always need PKCE; everyone else by default too.
        require_pkce=spec.require_pkce or spec.auth_method == "none",
        # The fapi2 profile implies PAR and DPoP-bound tokens (Client.requires_par, requires_dpop).
        require_pushed_authorization_requests=spec.require_pushed_authorization_requests or fapi2_profile,
        dpop_bound_access_tokens=spec.dpop_bound_access_tokens or fapi2_profile,
        profile=spec.profile,
        **{name: getattr(spec, name) for name in token_metadata.TOKEN_METADATA},
        protected=spec.protected,
        **{name: getattr(spec, name) for name in (*PAGE_URIS, "sector_identifier_uri")},
        **columns,
        purposes=client_purposes.tidy(spec.purposes or {}),
        purpose_version=1,
    )
    db.session.add(client)
    details = {
        "client_name": client.name,
        "auth_method": client.token_endpoint_auth_method,
        "redirect_uris": spec.redirect_uris,
    } | ({"agency": agency} if agency else {})
    # An agency's own registration is the client acting; else whoever is (staff, command line).
    actor = audit_log.client(client.client_id) if agency else None
    audit_log.append(audit.CLIENT_REGISTERED, actor=actor, client_id=client.client_id, details=details)
    db.session.commit()
    return client, secret


def rotate_secret(client: Client) -> str:
    if client.token_endpoint_auth_method in ("none", "private_key_jwt"):
        raise InvalidClientMetadata(f"a {client.token_endpoint_auth_method} client has no secret")
    secret = random_token()
    client.secret_digest = client_secret_digest(secret)
    audit_log.append(audit.CLIENT_SECRET_ROTATED, client_id=client.client_id)
    db.session.commit()
    return secret


def find(client_id: str | None) -> Client | None:
    if not client_id:
        return None
    return db.session.scalar(select(Client).where(Client.client_id == client_id))


def recent(client_id: str | None) -> Client | None:
    """The client, for a path that only reads it, as this worker read it at most
    CLIENTS_CACHE_SECONDS ago (idp/services/client_copies.py)."""
    return client_copies.read(client_id) if client_id else None


def find_live(client_id: str | None) -> Client | None:
    """The client, unless it is unknown or disabled (the two look the same to the protocol),
    as recent() reads it."""
    client = recent(client_id)
    return None if client is None or client.disabled else client


def all_clients() -> list[Client]:
    return list(db.session.scalars(select(Client).order_by(Client.id)))


def names() -> dict[str, str]:
    """client_id → name of every client, for pages and exports that list many."""
    return {client_id: name for client_id, name in db.session.execute(select(Client.client_id, Client.name))}


def disable(client: Client, actor: audit_log.Actor | None = None) -> None:
    """No new sign-ins, and the tokens it holds are revoked."""
    client.disabled = True
    tokens.revoke_for_client(client.client_id)
    audit_log.append(audit.CLIENT_DISABLED, actor=actor, client_id=client.client_id)
    db.session.commit()


def enable(client: Client) -> None:
    """Sign-ins again (the tokens revoked when it was disabled stay revoked); never for
    a client its agency deleted (RFC 7592 §2.3: its client_id is invalidated)."""
    if client.deleted_at is not None:
        raise InvalidClientMetadata("a client deleted by its agency cannot be enabled again")
    client.disabled = False
    audit_log.append(audit.CLIENT_ENABLED, client_id=client.client_id)
    db.session.commit()


def describe(client: Client, secret: str | None = None) -> dict:
    data = {
        "client_id": client.client_id,
        "client_name": client.name,
        "agency": client.agency,
        "redirect_uris": client.redirect_uris,
        "post_logout_redirect_uris": client.post_logout_redirect_uris,
        "scope": client.scope,
        "purposes": client.purposes,
        "purpose_version": client.purpose_version,
        "token_endpoint_auth_method": client.token_endpoint_auth_method,
        "id_token_signed_response_alg": client.id_token_signed_response_alg,
        "sector_identifier": client.sector_identifier,
        "require_pkce": client.require_pkce,
        "require_pushed_authorization_requests": client.require_pushed_authorization_requests,
        "dpop_bound_access_tokens": client.dpop_bound_access_tokens,
        "profile": client.profile,
        "jwks_uri": client.jwks_uri,
        "disabled": client.disabled,
        **{name: getattr(client, name) for name in token_metadata.TOKEN_METADATA},
        "protected": client.protected,
        **{name: getattr(client, name) for name in (*PAGE_URIS, "sector_identifier_uri") if getattr(client, name)},
    }
    if secret:
        data["client_secret"] = secret
    return data
