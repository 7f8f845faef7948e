"""Client authentication (RFC 6749 §2.3, OIDC Core 9): the methods we accept,
and private_key_jwt (RFC 7523) with asymmetric algorithms and a `jti` replay cache.
"""

import json
import logging

from authlib.oauth2.rfc6749 import InvalidClientError
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from flask import current_app
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from idp.clock import timestamp
from idp.models.client import AUTH_METHODS
from idp.outbound.addresses import FetchRefused
from idp.outbound.client_jwks import key_resolver, key_set
from idp.protocol import fapi2
from idp.protocol.encryption import NoEncryptionKey
from idp.protocol.replay import first_use
from idp.services.clients import find_live

log = logging.getLogger(__name__)

CLIENT_AUTH_METHODS = list(AUTH_METHODS)
CLIENT_ASSERTION_ALGS = ["RS256", "PS256", "ES256", "EdDSA"]
# RFC 7662 §2.1: introspection MUST require authorization; a public client's
# client_id is known to everyone, so "none" is not enough.
INTROSPECTION_AUTH_METHODS = [method for method in CLIENT_AUTH_METHODS if method != "none"]
# RFC 7523 §3 lets us refuse an `exp` unreasonably far in the future; a `jti`
# is remembered until `exp`. One hour is what Authlib's own client signs.
CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 3600
ERROR_DESCRIPTION_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F)) - {'"', "\\"}


def safe_description(text: str) -> str:
    """`text` made fit for `error_description`.

    RFC 6749 §5.2 allows only %x20-21 / %x23-5B / %x5D-7E, and library messages
    quote values the client chose (a JOSE `kid` or `alg`); Authlib refuses to
    build an error from anything else, which would turn a bad request into a 500.
    """
    return "".join(ch if ch in ERROR_DESCRIPTION_CHARS else "?" for ch in text[:200])


class PrivateKeyJWT(JWTBearerClientAssertion):
    """private_key_jwt (OIDC Core 9, RFC 7523): asymmetric algs only, jti replay refused."""

    CLIENT_AUTH_METHOD = "private_key_jwt"

    def __init__(self):
        super().__init__(validate_jti=True)

    @property
    def leeway(self):
        return current_app.config["CLOCK_SKEW_SECONDS"]

    @leeway.setter
    def leeway(self, _value):
        """The configured clock skew always wins."""

    def get_audiences(self):
        # RFC 9126 §2: the issuer, the token endpoint or the PAR endpoint, at either endpoint.
        issuer = current_app.config["ISSUER"]
        return [issuer, issuer + "/token", issuer + "/par"]

    def process_assertion_claims(self, assertion, resolve_key):
        # Authlib found the client by the assertion's `sub` just before (RFC 7523 §3).
        client = find_live(json.loads(jws.extract_compact(assertion.encode()).payload)["sub"])
        fapi2_client = client is not None and client.is_fapi2
        try:
            token = jwt.decode(assertion, resolve_key, algorithms=fapi2.ALGS if fapi2_client else CLIENT_ASSERTION_ALGS)
        except FetchRefused as error:
            # The client's key server is down, serves junk or is not allowed here (a
            # loopback jwks_uri from development): the client cannot be authenticated
            # (RFC 6749 §5.2), which is not our server_error.
            log.warning("cannot load a client's JWKS: %s", error)
            raise InvalidClientError(description="The client's jwks_uri could not be loaded.") from None
        except (JoseError, ValueError) as error:
            log.info("client assertion refused: %r", error)
            description = getattr(error, "description", None) or "Invalid client assertion."
            raise InvalidClientError(description=safe_description(description)) from None
        self.verify_claims(token.claims)
        problem = fapi2.assertion_audience_problem(token.claims["aud"], current_app.config["ISSUER"])
        if fapi2_client and problem:
            raise InvalidClientError(description=problem)
        return token.claims

    def verify_claims(self, claims):
        # RFC 7523 §3: we MAY reject an `exp` unreasonably far in the future. We
        # must: the `jti` is cached until `exp`, and Redis refuses an expiry of 1e300.
        exp = claims.get("exp")
        latest = timestamp() + CLIENT_ASSERTION_MAX_LIFETIME_SECONDS + self.leeway
        if isinstance(exp, (int, float)) and exp > latest:
            raise InvalidClientError(description="The assertion expires too far in the future.")
        super().verify_claims(claims)

    def validate_jti(self, claims, jti):
        ttl = max(int(claims.get("exp", 0)) - timestamp(), 0) + self.leeway
        return first_use(f"jti:{claims['sub']}:{jti}", ttl)

    def resolve_client_public_key(self, client):
        if client.jwks:
            return KeySet.import_key_set(client.jwks)
        if client.jwks_uri:
            # Fetched (guarded, cached) when the assertion's `kid` is known: a new
            # `kid` refetches the client's JWKS, rate-limited (idp/outbound/client_jwks.py).
            return key_resolver(client.jwks_uri)
        raise InvalidClientError(description="The client has no registered keys.")


def client_public_keys(client) -> KeySet:
    """The client's registered public keys (inline, or from its jwks_uri), read as for
    private_key_jwt; for encrypting to it (idp/protocol/encryption.py)."""
    if client.jwks:
        return KeySet.import_key_set(client.jwks)
    if not client.jwks_uri:
        raise NoEncryptionKey("the client has no registered keys")
    try:
        return key_set(client.jwks_uri)  # the guarded fetcher, cached (idp/outbound/client_jwks.py)
    except FetchRefused as error:
        raise NoEncryptionKey(f"the client's jwks_uri could not be loaded: {error}") from None
