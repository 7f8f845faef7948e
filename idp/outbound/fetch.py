"""The one outbound fetch: GET a JSON document a client registered the URL of
(and `send`, the same guarded connection for the back-channel logout POST).

Each hop is checked (idp/outbound/addresses.py) and connects to the address
that was checked, with TLS still verified for the host name. Redirects are
followed at most OUTBOUND_MAX_REDIRECTS times, each to a URL checked again;
the body may be at most OUTBOUND_MAX_BYTES and the whole fetch may take at most
OUTBOUND_TIMEOUT_SECONDS. Anything else is a FetchRefused with the reason.
"""

import json
import logging
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from flask import current_app

from idp.outbound.addresses import FetchRefused, checked_address, url_problem

log = logging.getLogger(__name__)
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK_BYTES = 16 * 1024


def fetch_json(url: str) -> Any:
    """The JSON document at `url`, fetched under every guard."""
    body = fetch(url)
    try:
        return json.loads(body)
    except ValueError:
        raise FetchRefused(f"{url} did not return JSON") from None


def fetch(url: str) -> bytes:
    config = current_app.config
    deadline = time.monotonic() + config["OUTBOUND_TIMEOUT_SECONDS"]
    for _hop in range(config["OUTBOUND_MAX_REDIRECTS"] + 1):
        response = _get(url, deadline)
        try:
            if response.status not in REDIRECTS:
                if response.status != 200:
                    raise FetchRefused(f"{url} answered HTTP {response.status}")
                return _read_limited(response, url, deadline, config["OUTBOUND_MAX_BYTES"])
            location = response.headers.get("Location")
            if not location:
                raise FetchRefused(f"{url} redirected without a Location")
            url = urljoin(url, location)
        finally:
            response.release_conn()
    raise FetchRefused(f"more than {config['OUTBOUND_MAX_REDIRECTS']} redirects")


def _get(url: str, deadline: float) -> urllib3.BaseHTTPResponse:
    return send("GET", url, deadline, headers={"Accept": "application/json"})


def send(
    method: str, url: str, deadline: float, body: bytes | None = None, headers: dict[str, str] | None = None
) -> urllib3.BaseHTTPResponse:
    """One request to a checked address of `url`'s host (no redirect followed); the
    caller reads the answer. Also what the back-channel logout POST goes through."""
    problem = url_problem(url)
    if problem:
        raise FetchRefused(f"{url} {problem}")
    parts = urlsplit(url)
    assert parts.hostname is not None  # url_problem refuses a URL without a host
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(f"{url} took too long")
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if parts.scheme == "https":
        # Connect to the checked address; SNI and the certificate check use the name.
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            timeout=timeout,
            retries=False,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc, "User-Agent": "JAKI-ID", **(headers or {})}
    try:
        return pool.urlopen(
            method, path, body=body, headers=headers, redirect=False, preload_content=False, retries=False
        )
    except urllib3.exceptions.HTTPError as error:
        log.info("outbound %s to %s failed: %s", method, url, error)
        raise FetchRefused(f"{url} could not be reached ({type(error).__name__})") from None


def _read_limited(response: urllib3.BaseHTTPResponse, url: str, deadline: float, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchRefused(f"{url} is larger than {limit} bytes")
    body = bytearray()
    try:
        while chunk := response.read(CHUNK_BYTES):
            body += chunk
            if len(body) > limit:
                raise FetchRefused(f"{url} is larger than {limit} bytes")
            if time.monotonic() > deadline:
                raise FetchRefused(f"{url} took too long")
    except urllib3.exceptions.HTTPError as error:
        raise FetchRefused(f"{url} could not be read ({type(error).__name__})") from None
    return bytes(body)
