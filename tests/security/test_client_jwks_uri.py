"""A client's jwks_uri: https, or loopback http in development, where the issuer itself
is http (RFC 8252 §7.3 allows loopback for the same reason); production fetches client
keys over https only (OIDC Registration §2 jwks_uri, RFC 7523 §3). A server on
127.0.0.1 stands in for the agency's key endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from idp.services.clients import InvalidClientMetadata
from tests.oidc.test_private_key_jwt import assert_authenticated, assert_refused, assertion, present, rsa_key

__all__ = ["rsa_key"]  # the module-scoped fixture, shared


@pytest.fixture
def agency_jwks(rsa_key):
    """An agency's JWKS on http://127.0.0.1:<port>/jwks.json; yields (url, request log)."""
    body = json.dumps({"keys": [rsa_key.as_dict(private=False)]}).encode()
    requests_seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests_seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/jwks.json", requests_seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def env(app, monkeypatch):
    def set_env(name):
        monkeypatch.setitem(app.config, "ENV", name)

    return set_env


def test_a_loopback_http_jwks_uri_registers_in_development(make_client, env, agency_jwks):
    env("development")
    client = make_client(auth_method="private_key_jwt", jwks_uri=agency_jwks[0])
    assert client.jwks_uri == agency_jwks[0]


def test_a_loopback_http_jwks_uri_is_refused_in_production(make_client, env, agency_jwks):
    env("production")
    with pytest.raises(InvalidClientMetadata, match="jwks_uri must be https"):
        make_client(auth_method="private_key_jwt", jwks_uri=agency_jwks[0])


@pytest.mark.parametrize(
    "uri",
    [
        "http://permits.example/jwks.json",
        "https:///jwks.json",
        "https://u:p@permits.example/jwks",
        "https://a.example/#k",
    ],
)
def test_a_jwks_uri_not_https_or_loopback_is_refused_even_in_development(make_client, env, uri):
    env("development")
    with pytest.raises(InvalidClientMetadata, match="jwks_uri must"):
        make_client(auth_method="private_key_jwt", jwks_uri=uri)


def test_private_key_jwt_keys_come_from_a_loopback_http_jwks_uri_in_development_rfc7523_3(
    http, make_client, env, agency_jwks, rsa_key
):
    env("development")
    client = make_client(auth_method="private_key_jwt", jwks_uri=agency_jwks[0])
    assert_authenticated(present(http, assertion(rsa_key, client.client_id)))
    assert agency_jwks[1] == ["/jwks.json"]


def test_production_never_fetches_a_loopback_http_jwks_uri_registered_in_development(
    http, make_client, env, agency_jwks, rsa_key
):
    env("development")
    client = make_client(auth_method="private_key_jwt", jwks_uri=agency_jwks[0])
    env("production")
    assert_refused(present(http, assertion(rsa_key, client.client_id)))
    assert agency_jwks[1] == []
