"""Discovery (OIDC Discovery 1.0 §3, RFC 8414) and the JWKS (RFC 7517).

The document is built from config and what is actually registered, and
validated with Authlib's metadata classes before it is served.
"""

import json

from authlib.oidc.discovery import OpenIDProviderMetadata
from flask import Response, current_app

from idp.grants import CLIENT_ASSERTION_ALGS, CLIENT_AUTH_METHODS, INTROSPECTION_AUTH_METHODS
from idp.mfa.assurance import LEVELS
from idp.oidc import bp
from idp.protocol import key_ring
from idp.protocol.dpop import ALGS as DPOP_ALGS
from idp.protocol.encryption_algs import ENCRYPTION_ALGS, ENCRYPTION_ENCS
from idp.protocol.keys import ensure_keys, ensure_keys_once, public_jwks_bytes, signing_algs
from idp.protocol.request_object import ALGS as REQUEST_OBJECT_ALGS
from idp.protocol.scopes import CLAIMS_SUPPORTED, SCOPES_SUPPORTED


@bp.before_request
def keys_before_first_request():
    """Before this worker first serves the protocol (it signs only at /token), every
    advertised algorithm's key is published (OIDC Core 10.1.1)."""
    ensure_keys_once()


def provider_metadata() -> dict:
    issuer = current_app.config["ISSUER"]
    metadata = {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks.json",
        "revocation_endpoint": f"{issuer}/revoke",
        "introspection_endpoint": f"{issuer}/introspect",
        "end_session_endpoint": f"{issuer}/end_session",
        "pushed_authorization_request_endpoint": f"{issuer}/par",
        # Per client (RFC 9126 §6): the FAPI 2.0 ones must push, the others may.
        "require_pushed_authorization_requests": False,
        # RFC 7591: with an initial access token an operator issued to the agency.
        "registration_endpoint": f"{issuer}/register",
        "scopes_supported": list(SCOPES_SUPPORTED),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["pairwise"],
        # Only what signs now: a key published for a newly added algorithm signs after
        # the rollover, and a client that chose it earlier would meet an error at /token.
        "id_token_signing_alg_values_supported": signing_algs(),
        "userinfo_signing_alg_values_supported": signing_algs(),
        "id_token_encryption_alg_values_supported": list(ENCRYPTION_ALGS),
        "id_token_encryption_enc_values_supported": list(ENCRYPTION_ENCS),
        "userinfo_encryption_alg_values_supported": list(ENCRYPTION_ALGS),
        "userinfo_encryption_enc_values_supported": list(ENCRYPTION_ENCS),
        "token_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "token_endpoint_auth_signing_alg_values_supported": CLIENT_ASSERTION_ALGS,
        "revocation_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "introspection_endpoint_auth_methods_supported": INTROSPECTION_AUTH_METHODS,
        "code_challenge_methods_supported": ["S256"],
        "dpop_signing_alg_values_supported": list(DPOP_ALGS),
        "claims_supported": list(CLAIMS_SUPPORTED),
        "claims_parameter_supported": True,
        "request_parameter_supported": True,
        "request_object_signing_alg_values_supported": list(REQUEST_OBJECT_ALGS),
        "request_uri_parameter_supported": False,
        "acr_values_supported": list(LEVELS),
        "prompt_values_supported": ["none", "login", "consent"],
        "ui_locales_supported": ["id", "en"],
        "claims_locales_supported": ["id", "en"],
        "authorization_response_iss_parameter_supported": True,
        "frontchannel_logout_supported": False,
        "backchannel_logout_supported": True,
        # Back-Channel Logout 1.0 §2.1: `sid` in ID tokens (of clients that registered a
        # backchannel_logout_uri) and in every logout token.
        "backchannel_logout_session_supported": True,
    }
    OpenIDProviderMetadata(metadata).validate()
    return metadata


def _metadata_bytes() -> bytes:
    """The document, built and validated once per set of signing algorithms (the only
    part that changes while a worker runs)."""
    return key_ring.built(("discovery", *signing_algs()), lambda: json.dumps(provider_metadata()).encode())


@bp.route("/.well-known/openid-configuration")
@bp.route("/.well-known/oauth-authorization-server")
def openid_configuration():
    return _public_json(_metadata_bytes(), max_age=3600)


@bp.route("/jwks.json")
def jwks():
    ensure_keys()
    # Short cache: a rotated-in key must reach relying parties quickly.
    return _public_json(public_jwks_bytes(), max_age=300)


def _public_json(body: bytes, max_age: int) -> Response:
    response = Response(body, mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
