"""DPoP proofs (RFC 9449 §4.2) as a client makes them, and hand-made bad ones."""

import base64
import hashlib
import json
import secrets
import time

from joserfc import jws
from joserfc.jwk import ECKey

from tests.conftest import ISSUER

TOKEN_URL = f"{ISSUER}/token"
USERINFO_URL = f"{ISSUER}/userinfo"
PAR_URL = f"{ISSUER}/par"


def new_key():
    return ECKey.generate_key("P-256")


def thumbprint(key) -> str:
    return key.thumbprint()


def ath(access_token: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(access_token.encode()).digest()).rstrip(b"=").decode()


def proof(key, htu=TOKEN_URL, htm="POST", alg="ES256", header=None, access_token=None, **claims) -> str:
    """A DPoP proof; a claim or header member given as None is left out."""
    payload = {"jti": secrets.token_urlsafe(16), "htm": htm, "htu": htu, "iat": int(time.time())}
    if access_token is not None:
        payload["ath"] = ath(access_token)
    payload = {name: value for name, value in (payload | claims).items() if value is not None}
    protected = {"typ": "dpop+jwt", "alg": alg, "jwk": key.as_dict(private=False)} | (header or {})
    protected = {name: value for name, value in protected.items() if value is not None}
    registry = jws.JWSRegistry(algorithms=[alg], strict_check_header=False)  # unknown members too
    registry.max_header_length = 4096
    return jws.serialize_compact(protected, json.dumps(payload).encode(), key, registry=registry)
