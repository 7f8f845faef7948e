"""Encrypted ID tokens and UserInfo (OIDC Core 10.2, 5.3.2; RFC 7516): signed by
us, then encrypted to the client's registered key, as a client library reads them:
decrypt with its private key, then verify the inner JWT against our JWKS."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from joserfc import jwe, jwt
from joserfc.jwk import ECKey, KeySet, OKPKey, RSAKey

from tests.conftest import ISSUER, AuthRequest
from tests.oidc.flows import full_flow, tokens_for, userinfo

ENC = "A256GCM"


def client_key(alg, curve=None):
    params = {"use": "enc"}
    if alg == "RSA-OAEP-256":
        return RSAKey.generate_key(2048, parameters=params, auto_kid=True)
    if curve == "X25519":
        return OKPKey.generate_key("X25519", parameters=params, auto_kid=True)
    return ECKey.generate_key(curve or "P-256", parameters=params, auto_kid=True)


def public_jwks(*keys):
    return {"keys": [key.as_dict(private=False) for key in keys]}


def our_jwks(http):
    return KeySet.import_key_set(http.get("/jwks.json").get_json())


def decrypt(token: str, key, alg: str):
    """What the client does first: the compact JWE, with its private key."""
    assert token.count(".") == 4, "a compact JWE has five parts"
    decrypted = jwe.decrypt_compact(token, key, algorithms=[alg, ENC])
    assert decrypted.protected["alg"] == alg and decrypted.protected["enc"] == ENC
    assert decrypted.protected["kid"] == key.kid
    return decrypted


@pytest.mark.parametrize(
    "alg, curve", [("RSA-OAEP-256", None), ("ECDH-ES+A256KW", "P-256"), ("ECDH-ES+A256KW", "X25519")]
)
def test_id_token_is_signed_then_encrypted_to_the_client(http, make_client, alg, curve):
    key = client_key(alg, curve)
    client = make_client(
        jwks=public_jwks(key), id_token_encrypted_response_alg=alg, id_token_encrypted_response_enc=ENC
    )
    tokens = tokens_for(http, client)
    decrypted = decrypt(tokens["id_token"], key, alg)
    assert decrypted.protected["cty"] == "JWT"  # a Nested JWT (RFC 7519 §5.2)
    inner = jwt.decode(decrypted.plaintext, our_jwks(http), algorithms=["RS256"])
    assert inner.claims["iss"] == ISSUER and inner.claims["aud"] == client.client_id
    assert inner.claims["nonce"]


def test_the_encryption_key_is_chosen_by_use_and_type(http, make_client):
    signing = RSAKey.generate_key(2048, parameters={"use": "sig"}, auto_kid=True)
    ec = client_key("ECDH-ES+A256KW")
    rsa = client_key("RSA-OAEP-256")
    client = make_client(
        jwks=public_jwks(signing, ec, rsa),
        id_token_encrypted_response_alg="RSA-OAEP-256",
        id_token_encrypted_response_enc=ENC,
    )
    decrypt(tokens_for(http, client)["id_token"], rsa, "RSA-OAEP-256")


def test_userinfo_signed_and_encrypted_is_a_nested_jwt(http, make_client):
    key = client_key("ECDH-ES+A256KW")
    client = make_client(
        jwks=public_jwks(key),
        userinfo_signed_response_alg="ES256",
        userinfo_encrypted_response_alg="ECDH-ES+A256KW",
        userinfo_encrypted_response_enc=ENC,
    )
    response = userinfo(http, tokens_for(http, client, scope="openid profile")["access_token"])
    assert response.mimetype == "application/jwt"
    decrypted = decrypt(response.get_data(as_text=True), key, "ECDH-ES+A256KW")
    assert decrypted.protected["cty"] == "JWT"
    claims = jwt.decode(decrypted.plaintext, our_jwks(http), algorithms=["ES256"]).claims
    assert claims["aud"] == client.client_id and claims["iss"] == ISSUER and claims["name"]


def test_userinfo_encrypted_only_is_the_jwe_of_the_json(http, make_client):
    key = client_key("RSA-OAEP-256")
    client = make_client(
        jwks=public_jwks(key), userinfo_encrypted_response_alg="RSA-OAEP-256", userinfo_encrypted_response_enc=ENC
    )
    response = userinfo(http, tokens_for(http, client)["access_token"])
    decrypted = decrypt(response.get_data(as_text=True), key, "RSA-OAEP-256")
    assert "cty" not in decrypted.protected
    assert decrypted.plaintext.decode().startswith("{") and b'"sub"' in decrypted.plaintext


def test_the_id_token_stays_plain_when_only_userinfo_is_encrypted(http, make_client):
    key = client_key("RSA-OAEP-256")
    client = make_client(
        jwks=public_jwks(key), userinfo_encrypted_response_alg="RSA-OAEP-256", userinfo_encrypted_response_enc=ENC
    )
    assert tokens_for(http, client)["id_token"].count(".") == 2


def test_discovery_advertises_the_encryption_algorithms(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    for what in ("id_token", "userinfo"):
        assert metadata[f"{what}_encryption_alg_values_supported"] == ["RSA-OAEP-256", "ECDH-ES+A256KW"]
        assert metadata[f"{what}_encryption_enc_values_supported"] == ["A256GCM"]


class KeyServer:
    """The agency's key endpoint on 127.0.0.1: serves `document`, or 404 while it is None."""

    def __init__(self):
        self.document = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps(server.document).encode() if server.document else b"{}"
                self.send_response(200 if server.document else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/jwks.json"


@pytest.fixture
def agency():
    server = KeyServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_the_key_may_come_from_the_clients_jwks_uri(http, make_client, agency):
    key = client_key("RSA-OAEP-256")
    agency.document = public_jwks(key)
    client = make_client(
        jwks_uri=agency.url, id_token_encrypted_response_alg="RSA-OAEP-256", id_token_encrypted_response_enc=ENC
    )
    decrypt(tokens_for(http, client)["id_token"], key, "RSA-OAEP-256")


def test_an_unreachable_jwks_uri_is_a_503_and_the_code_stays_unspent(http, make_client, agency):
    key = client_key("RSA-OAEP-256")
    client = make_client(
        jwks_uri=agency.url,
        id_token_encrypted_response_alg="RSA-OAEP-256",
        id_token_encrypted_response_enc=ENC,
    )
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    response = auth.token_request(http, code)  # the agency's key server answers 404
    assert response.status_code == 503 and response.get_json()["error"] == "temporarily_unavailable"
    assert response.headers["Retry-After"]
    agency.document = public_jwks(key)
    decrypt(auth.token_request(http, code).get_json()["id_token"], key, "RSA-OAEP-256")


def test_userinfo_for_an_unreachable_jwks_uri_is_a_503(http, make_client, agency):
    key = client_key("RSA-OAEP-256")
    agency.document = public_jwks(key)
    client = make_client(
        jwks_uri=agency.url, userinfo_encrypted_response_alg="RSA-OAEP-256", userinfo_encrypted_response_enc=ENC
    )
    access_token = tokens_for(http, client)["access_token"]
    agency.document = None  # the key server now answers 404
    response = userinfo(http, access_token)
    assert response.status_code == 503 and response.get_json()["error"] == "temporarily_unavailable"
