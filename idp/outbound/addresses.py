"""Which URLs and addresses an outbound fetch may reach.

https only, to public addresses: never private (RFC 1918, fc00::/7), loopback,
link-local (169.254.0.0/16 holds the cloud metadata service), shared (100.64/10),
multicast or reserved ones. Development and the tests run every service on
http://localhost, so there (and only there) loopback is allowed, over http too.
Every address a name resolves to is checked, and the fetch then connects to a
checked address itself, so a name cannot resolve to a public address for the
check and a private one for the connection (DNS rebinding).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class FetchRefused(ValueError):
    """The URL or the address it leads to may not be fetched; the message says why."""


class AddressRefused(FetchRefused):
    """The host resolves to an address we never connect to: trying again will not help."""


def loopback_allowed() -> bool:
    """Development (and its tests) runs the issuer and the services on http://localhost."""
    return current_app.config["ENV"] in ("development", "test")


def url_problem(url: str) -> str | None:
    """Why `url` may not be fetched (before any lookup), or None."""
    parts = urlsplit(url)
    must_be_https = "must be https" + (" (or http on localhost, in development)" if loopback_allowed() else "")
    if parts.scheme not in ("https", "http"):
        return must_be_https
    if parts.fragment or "#" in url:
        return "must not contain a fragment"
    if parts.username or parts.password:
        return "must not contain user info"
    if not parts.hostname:
        return "must have a host"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and loopback_allowed():
        return None
    return must_be_https


def address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id is not part of the address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if ip.is_loopback:
        return loopback_allowed()
    return ip.is_global and not ip.is_multicast


def lookup(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (the one place that asks DNS)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchRefused(f"cannot resolve {host}: {error}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_address(host: str, port: int) -> str:
    """An address of `host` to connect to; refused if any address it has is not allowed."""
    addresses = lookup(host, port)
    refused = [address for address in addresses if not address_allowed(address)]
    if refused or not addresses:
        raise AddressRefused(f"{host} resolves to an address that may not be fetched ({', '.join(refused)})")
    return addresses[0]
