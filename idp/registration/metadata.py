"""Client metadata (RFC 7591 §2, OIDC Registration §2) read from a registration
request, checked, and bounded by the agency's initial access token: its scopes at
most, and its sector (every client of an agency shares its pairwise `sub`s).
Unknown members are ignored (RFC 7591 §2); the general rules are
idp/services/clients.validate."""

from dataclasses import fields
from typing import Any
from urllib.parse import urlsplit

from idp.grants.client_auth import CLIENT_ASSERTION_ALGS
from idp.models import Client, InitialAccessToken
from idp.models.client import AUTH_METHODS
from idp.protocol.client_metadata import (
    DISPLAY_URIS,
    BadRedirectUri,
    InvalidClientMetadata,
    sector_host,
)
from idp.protocol.token_metadata import TOKEN_METADATA
from idp.services.clients import ClientSpec
from idp.web.parameters import has_control_characters

GRANT_TYPES = ("authorization_code", "refresh_token")


def spec_from(document: Any, grant: InitialAccessToken) -> ClientSpec:
    if not isinstance(document, dict):
        raise InvalidClientMetadata("The request body must be a JSON object of client metadata.")
    read = _Reader(document)
    _check_protocol_choices(read)
    redirect_uris = read.uris("redirect_uris")
    if not redirect_uris:
        raise BadRedirectUri("redirect_uris is required: at least one https redirect URI.")
    sector_identifier_uri = read.text("sector_identifier_uri")
    _check_sector(grant.sector, redirect_uris, sector_identifier_uri)
    scope = read.text("scope") or grant.scopes
    beyond = [s for s in scope.split() if s not in grant.scopes.split()]
    if beyond:
        raise InvalidClientMetadata(f"scope {beyond[0]} is beyond what this agency may register ({grant.scopes}).")
    name = read.text("client_name")
    if not name or not name.strip():
        raise InvalidClientMetadata("client_name is required: citizens see it on the consent page.")
    if len(name) > 200:
        raise InvalidClientMetadata("client_name must be at most 200 characters.")
    jwks = document.get("jwks")
    if jwks is not None and not isinstance(jwks, dict):
        raise InvalidClientMetadata("jwks must be a JSON object (a JWK Set).")
    spec = ClientSpec(
        name=name,
        redirect_uris=redirect_uris,
        post_logout_redirect_uris=read.uris("post_logout_redirect_uris"),
        scope=scope,
        auth_method=read.text("token_endpoint_auth_method") or "client_secret_basic",
        jwks=jwks,
        jwks_uri=read.text("jwks_uri"),
        sector=grant.sector,
        id_token_alg=read.text("id_token_signed_response_alg") or "RS256",
        require_pkce=True,
        sector_identifier_uri=sector_identifier_uri,
        client_uri=read.text("client_uri"),
        logo_uri=read.text("logo_uri"),
        policy_uri=read.text("policy_uri"),
        tos_uri=read.text("tos_uri"),
        # RFC 9126 §6 and RFC 9449 §5.2: a client may ask for PAR and DPoP-bound tokens.
        require_pushed_authorization_requests=read.flag("require_pushed_authorization_requests"),
        dpop_bound_access_tokens=read.flag("dpop_bound_access_tokens"),
    )
    _token_metadata(read, spec)
    return spec


class _Reader:
    def __init__(self, document: dict):
        self.document = document

    def text(self, name: str) -> str | None:
        value = self.document.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or has_control_characters(value):
            raise InvalidClientMetadata(f"{name} must be a string without control characters.")
        return value

    def flag(self, name: str) -> bool:
        value = self.document.get(name, False)
        if not isinstance(value, bool):
            raise InvalidClientMetadata(f"{name} must be true or false.")
        return value

    def uris(self, name: str) -> list[str]:
        value = self.document.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            error = BadRedirectUri if name == "redirect_uris" else InvalidClientMetadata
            raise error(f"{name} must be an array of strings.")
        return list(dict.fromkeys(value))

    def choices(self, name: str) -> list[str]:
        value = self.document.get(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidClientMetadata(f"{name} must be an array of strings.")
        return value


def _check_protocol_choices(read: _Reader) -> None:
    """Only what we do: the code flow, pairwise subjects, web clients."""
    if [t for t in read.choices("response_types") if t != "code"]:
        raise InvalidClientMetadata('response_types may only be ["code"].')
    grant_types = read.choices("grant_types")
    if [g for g in grant_types if g not in GRANT_TYPES] or (grant_types and "authorization_code" not in grant_types):
        raise InvalidClientMetadata("grant_types must be authorization_code, optionally with refresh_token.")
    if read.text("application_type") not in (None, "web"):
        raise InvalidClientMetadata("application_type must be web.")
    if read.text("subject_type") not in (None, "pairwise"):
        raise InvalidClientMetadata("subject_type must be pairwise: JAKI ID gives each sector its own sub.")
    method = read.text("token_endpoint_auth_method")
    if method is not None and method not in AUTH_METHODS:
        raise InvalidClientMetadata(f"token_endpoint_auth_method must be one of {', '.join(AUTH_METHODS)}.")
    alg = read.text("token_endpoint_auth_signing_alg")
    if alg is not None and (method != "private_key_jwt" or alg not in CLIENT_ASSERTION_ALGS):
        raise InvalidClientMetadata(
            f"token_endpoint_auth_signing_alg is for private_key_jwt, one of {', '.join(CLIENT_ASSERTION_ALGS)}."
        )


def _within(host: str | None, sector: str) -> bool:
    host = (host or "").lower()
    return host == sector or host.endswith("." + sector)


def _check_sector(sector: str, redirect_uris: list[str], sector_identifier_uri: str | None) -> None:
    """The agency's sector bounds where its clients live (OIDC Core 8.1)."""
    if sector_identifier_uri is not None:
        if not _within(sector_host(sector_identifier_uri), sector):
            raise InvalidClientMetadata(f"sector_identifier_uri must be on {sector}, the sector of this agency.")
        return  # its document must list every redirect URI (checked when fetched)
    outside = [uri for uri in redirect_uris if not _within(urlsplit(uri).hostname, sector)]
    if outside:
        raise BadRedirectUri(
            f"redirect URI {outside[0]} is not on {sector}, the sector of this agency; "
            "a sector_identifier_uri on it may list redirect URIs elsewhere."
        )


def _token_metadata(read: _Reader, spec: ClientSpec) -> None:
    known = {field.name for field in fields(ClientSpec)}
    for name in TOKEN_METADATA:
        value = read.document.get(name)
        if value is None or value is False:  # absent, or the default
            continue
        if name not in known:
            raise InvalidClientMetadata(f"{name} is not supported.")
        if name == "backchannel_logout_session_required":
            if not isinstance(value, bool):
                raise InvalidClientMetadata(f"{name} must be true or false.")
            setattr(spec, name, value)
        else:
            setattr(spec, name, read.text(name))


def metadata_of(client: Client, issuer: str) -> dict:
    """The client's registered metadata as RFC 7591 §3.2.1 / RFC 7592 §3 return it."""
    data: dict[str, Any] = {
        "client_id": client.client_id,
        "client_id_issued_at": int(client.created_at.timestamp()),
        "client_name": client.name,
        "redirect_uris": client.redirect_uris,
        "post_logout_redirect_uris": client.post_logout_redirect_uris,
        "scope": client.scope,
        "token_endpoint_auth_method": client.token_endpoint_auth_method,
        "grant_types": list(GRANT_TYPES),
        "response_types": ["code"],
        "application_type": "web",
        "subject_type": "pairwise",
        "id_token_signed_response_alg": client.id_token_signed_response_alg,
        "registration_client_uri": f"{issuer}/register/{client.client_id}",
    }
    if client.secret_digest:
        data["client_secret_expires_at"] = 0  # RFC 7591 §3.2.1: 0, it does not expire
    data["require_pushed_authorization_requests"] = client.require_pushed_authorization_requests
    data["dpop_bound_access_tokens"] = client.dpop_bound_access_tokens
    for name in ("jwks", "jwks_uri", "sector_identifier_uri", "client_uri", *DISPLAY_URIS, *TOKEN_METADATA):
        value = getattr(client, name, None)
        if value is not None:
            data[name] = value
    return data
