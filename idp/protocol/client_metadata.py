"""Client metadata rules that need more than the value itself (OIDC Registration
§2, OIDC Core 8.1), and the two errors RFC 7591 §3.2.2 names."""

from urllib.parse import urlsplit

from idp.outbound.addresses import FetchRefused, url_problem
from idp.outbound.fetch import fetch_json

DISPLAY_URIS = ("logo_uri", "policy_uri", "tos_uri")


class InvalidClientMetadata(ValueError):
    """RFC 7591 §3.2.2 invalid_client_metadata; the message is the description."""

    error = "invalid_client_metadata"


class BadRedirectUri(InvalidClientMetadata):
    """RFC 7591 §3.2.2 invalid_redirect_uri."""

    error = "invalid_redirect_uri"


def check_display_uri(name: str, uri: str | None) -> None:
    """logo_uri, policy_uri, tos_uri: shown to citizens on the consent page, so https
    (loopback http in development) and nothing that could hide where they lead."""
    if uri is None:
        return
    problem = url_problem(uri) if isinstance(uri, str) and len(uri) <= 2000 else "must be a URL"
    if problem:
        raise InvalidClientMetadata(f"{name} {problem}")


def sector_host(sector_identifier_uri: str) -> str:
    return (urlsplit(sector_identifier_uri).hostname or "").lower()


def check_sector_identifier(uri: str, redirect_uris: list[str]) -> None:
    """OIDC Core 8.1 and Registration §5: the document at sector_identifier_uri is
    a JSON array of URIs, fetched over https, listing every redirect URI."""
    problem = url_problem(uri)
    if problem:
        raise InvalidClientMetadata(f"sector_identifier_uri {problem}")
    try:
        listed = fetch_json(uri)
    except FetchRefused as error:
        raise InvalidClientMetadata(f"sector_identifier_uri could not be used: {error}") from None
    if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
        raise InvalidClientMetadata("sector_identifier_uri must return a JSON array of redirect URIs")
    missing = [redirect for redirect in redirect_uris if redirect not in listed]
    if missing:
        raise InvalidClientMetadata(f"sector_identifier_uri does not list the redirect URI {missing[0]}")
