"""Every Authlib subclass in one place: where Authlib is right we use it, where
it is not (code reuse, refresh rotation, PKCE plain, kid, auth_time) we override.
"""

import logging
import time
import uuid
from datetime import timedelta

import requests
from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidRequestError, grants
from authlib.oauth2.rfc7009 import RevocationEndpoint as _RevocationEndpoint
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7662 import IntrospectionEndpoint as _IntrospectionEndpoint
from authlib.oauth2.rfc6749 import InvalidClientError
from authlib.oidc.core.grants import OpenIDCode as _OpenIDCode
from authlib.oidc.core.grants.util import create_half_hash
from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select, update

from .claims import claims_for
from .clock import now
from .extensions import db
from .keys import private_key_set
from .models import AuthorizationCode, Citizen, Client, Token
from .replay import first_use
from .security import digest

log = logging.getLogger(__name__)

CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]
CLIENT_ASSERTION_ALGS = ["RS256", "PS256", "ES256", "EdDSA"]


def revoke_tokens(*conditions):
    """Revoke every live token matching the conditions."""
    db.session.execute(
        update(Token).where(Token.revoked_at.is_(None), *conditions).values(revoked_at=now())
    )


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_authorization_code(self, code, client):
        row = db.session.scalar(select(AuthorizationCode).where(AuthorizationCode.code_digest == digest(code)))
        if row is None or row.client_id != client.client_id:
            return None
        # Consume atomically: of two concurrent redemptions exactly one wins.
        won = db.session.execute(
            update(AuthorizationCode)
            .where(
                AuthorizationCode.id == row.id,
                AuthorizationCode.used_at.is_(None),
                AuthorizationCode.expires_at > now(),
            )
            .values(used_at=now())
        ).rowcount
        db.session.commit()
        if not won:
            db.session.refresh(row)
            if row.used_at is not None:
                # RFC 6749 §4.1.2: a reused code SHOULD revoke what it issued.
                log.warning("authorization code reused by %s; revoking its tokens", client.client_id)
                revoke_tokens(Token.code_id == row.id)
                db.session.commit()
            return None
        return row

    def delete_authorization_code(self, authorization_code):
        """Nothing to do: the code was consumed when it was queried."""

    def authenticate_user(self, authorization_code):
        return db.session.get(Citizen, authorization_code.citizen_id)


class S256CodeChallenge(CodeChallenge):
    """RFC 9700 §2.1.1: S256 only, and a mismatch or missing verifier is invalid_grant."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_verifier(self, grant, result):
        request = grant.request
        challenge = request.authorization_code.code_challenge
        if challenge and not request.form.get("code_verifier"):
            raise InvalidGrantError("Missing 'code_verifier'.")
        try:
            super().validate_code_verifier(grant, result)
        except InvalidRequestError as error:
            raise InvalidGrantError(error.description) from None


class OpenIDCode(_OpenIDCode):
    """ID tokens (OIDC Core 2, 3.1.3.6) signed by our active key, with its `kid`."""

    def __init__(self):
        super().__init__(require_nonce=False)  # nonce is optional in the code flow

    def exists_nonce(self, nonce, request):
        return False  # codes are single use; a replayed nonce cannot yield a second code

    def encode_id_token(self, token, request):
        client = request.client
        config = current_app.config
        issued_at = int(time.time())
        code = request.authorization_code
        alg = client.id_token_signed_response_alg or "RS256"
        claims = claims_for(request.user, client, token["scope"])
        claims.update(
            iss=config["ISSUER"],
            aud=client.client_id,
            iat=issued_at,
            exp=issued_at + config["ID_TOKEN_TTL_SECONDS"],
            auth_time=code.auth_time,  # the real sign-in time, not "now"
        )
        for name in ("nonce", "acr", "amr", "sid"):
            value = getattr(code, name)
            if value:
                claims[name] = value
        at_hash = create_half_hash(token["access_token"], alg)
        if at_hash is not None:
            claims["at_hash"] = at_hash.decode()
        return jwt.encode({"alg": alg, "typ": "JWT"}, claims, private_key_set(alg), [alg])


class RefreshTokenGrant(grants.RefreshTokenGrant):
    """Rotation with reuse detection (RFC 9700 §4.14.2)."""

    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        row = db.session.scalar(select(Token).where(Token.refresh_token_digest == digest(refresh_token)))
        if row is None:
            return None
        if row.refresh_rotated_at is not None:
            log.warning("rotated refresh token presented by %s; revoking its family", row.client_id)
            revoke_tokens(Token.family_id == row.family_id)
            db.session.commit()
            return None
        return row if row.refresh_token_active else None

    def authenticate_user(self, refresh_token):
        return refresh_token.citizen

    def revoke_old_credential(self, refresh_token):
        won = db.session.execute(
            update(Token)
            .where(Token.id == refresh_token.id, Token.refresh_rotated_at.is_(None))
            .values(refresh_rotated_at=now())
        ).rowcount
        db.session.commit()
        if not won:
            # Lost a race with another refresh of the same token: that is reuse.
            revoke_tokens(Token.family_id == refresh_token.family_id)
            db.session.commit()
            raise InvalidGrantError("The refresh token was already used.")


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
        issuer = current_app.config["ISSUER"]
        return [issuer, issuer + "/token"]

    def process_assertion_claims(self, assertion, resolve_key):
        try:
            token = jwt.decode(assertion, resolve_key, algorithms=CLIENT_ASSERTION_ALGS)
        except (JoseError, ValueError) as error:
            raise InvalidClientError(description=getattr(error, "description", None) or "Invalid client assertion.") from None
        self.verify_claims(token.claims)
        return token.claims

    def validate_jti(self, claims, jti):
        ttl = max(int(claims.get("exp", 0)) - int(time.time()), 0) + self.leeway
        return first_use(f"jti:{claims['sub']}:{jti}", ttl)

    def resolve_client_public_key(self, client):
        if client.jwks:
            return KeySet.import_key_set(client.jwks)
        if client.jwks_uri:
            response = requests.get(client.jwks_uri, timeout=5)
            response.raise_for_status()
            return KeySet.import_key_set(response.json())
        raise InvalidClientError(description="The client has no registered keys.")


def query_client(client_id):
    client = db.session.scalar(select(Client).where(Client.client_id == client_id))
    return None if client is None or client.disabled else client


def save_token(token, request):
    """Store digests only; link the token to its code or refresh-token family."""
    config = current_app.config
    issued = now()
    origin = request.refresh_token or request.authorization_code
    row = Token(
        client_id=request.client.client_id,
        citizen_id=request.user.id,
        scope=token["scope"],
        access_token_digest=digest(token["access_token"]),
        refresh_token_digest=digest(token["refresh_token"]) if token.get("refresh_token") else None,
        family_id=getattr(request.refresh_token, "family_id", None) or uuid.uuid4().hex,
        code_id=origin.code_id if request.refresh_token else origin.id,
        sid=origin.sid,
        auth_time=origin.auth_time,
        issued_at=issued,
        access_expires_at=issued + timedelta(seconds=token["expires_in"]),
        refresh_expires_at=issued + timedelta(seconds=config["REFRESH_TOKEN_TTL_SECONDS"]),
    )
    db.session.add(row)
    db.session.commit()


def _find_token(token_string, token_type_hint):
    value = digest(token_string)
    by_access = select(Token).where(Token.access_token_digest == value)
    by_refresh = select(Token).where(Token.refresh_token_digest == value)
    order = [by_refresh, by_access] if token_type_hint == "refresh_token" else [by_access, by_refresh]
    for query in order:
        row = db.session.scalar(query)
        if row is not None:
            return row
    return None


class RevocationEndpoint(_RevocationEndpoint):
    """RFC 7009. Revoking either token of a pair revokes both."""

    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_token(self, token_string, token_type_hint):
        return _find_token(token_string, token_type_hint)

    def revoke_token(self, token, request):
        revoke_tokens(Token.id == token.id)
        db.session.commit()


class IntrospectionEndpoint(_IntrospectionEndpoint):
    """RFC 7662. A client may introspect only the tokens issued to it."""

    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_token(self, token_string, token_type_hint):
        return _find_token(token_string, token_type_hint)

    def check_permission(self, token, client, request):
        return token.client_id == client.client_id

    def introspect_token(self, token):
        client = db.session.scalar(select(Client).where(Client.client_id == token.client_id))
        return {
            "active": True,
            "client_id": token.client_id,
            "token_type": "Bearer",
            "scope": token.scope,
            "sub": claims_for(token.citizen, client, "openid")["sub"],
            "aud": token.client_id,
            "iss": current_app.config["ISSUER"],
            "exp": int(token.access_expires_at.timestamp()),
            "iat": int(token.issued_at.timestamp()),
        }
