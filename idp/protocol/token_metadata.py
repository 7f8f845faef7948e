"""Client metadata for the form of its tokens and for back-channel logout
(OIDC Registration §2, Back-Channel Logout 1.0 §2.2): named checks, each
returning what is wrong, or None.
"""

from urllib.parse import urlsplit

from idp.protocol.encryption_algs import ENCRYPTION_ALGS, ENCRYPTION_ENCS, REGISTRATION_DEFAULT_ENC, can_receive
from idp.protocol.keys import SUPPORTED_ALGS

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
# Stored on the client, and carried by a registration, under these names.
TOKEN_METADATA = (
    "userinfo_signed_response_alg",
    "id_token_encrypted_response_alg",
    "id_token_encrypted_response_enc",
    "userinfo_encrypted_response_alg",
    "userinfo_encrypted_response_enc",
    "backchannel_logout_uri",
    "backchannel_logout_session_required",
)


def encrypts(spec) -> bool:
    """Whether a registration asks for encrypted responses (so its keys are used)."""
    return bool(spec.id_token_encrypted_response_alg or spec.userinfo_encrypted_response_alg)


def first_problem(spec, loopback_http_allowed: bool) -> str | None:
    """What is wrong with a registration's TOKEN_METADATA (`spec` has them as
    attributes, and `jwks`, `jwks_uri`), or None."""
    problems = (
        userinfo_signing_problem(spec.userinfo_signed_response_alg),
        encryption_problem(
            "id_token",
            spec.id_token_encrypted_response_alg,
            spec.id_token_encrypted_response_enc,
            spec.jwks,
            bool(spec.jwks_uri),
        ),
        encryption_problem(
            "userinfo",
            spec.userinfo_encrypted_response_alg,
            spec.userinfo_encrypted_response_enc,
            spec.jwks,
            bool(spec.jwks_uri),
        ),
        backchannel_logout_problem(
            spec.backchannel_logout_uri, spec.backchannel_logout_session_required, loopback_http_allowed
        ),
    )
    return next((problem for problem in problems if problem), None)


def userinfo_signing_problem(alg: str | None) -> str | None:
    if alg is not None and alg not in SUPPORTED_ALGS:
        return f"userinfo_signed_response_alg must be one of {SUPPORTED_ALGS}"
    return None


def encryption_problem(
    what: str, alg: str | None, enc: str | None, jwks: dict | None, has_jwks_uri: bool
) -> str | None:
    """`what` is "id_token" or "userinfo"; the client must have a key that can receive `alg`."""
    if alg is None:
        return f"{what}_encrypted_response_enc needs {what}_encrypted_response_alg" if enc else None
    if alg not in ENCRYPTION_ALGS:
        return f"{what}_encrypted_response_alg must be one of {ENCRYPTION_ALGS}"
    if enc is None:
        # OIDC Registration §2: the default would be A128CBC-HS256.
        return f"{what}_encrypted_response_enc is required (the default {REGISTRATION_DEFAULT_ENC} is not offered)"
    if enc not in ENCRYPTION_ENCS:
        return f"{what}_encrypted_response_enc must be one of {ENCRYPTION_ENCS}"
    if jwks is None and not has_jwks_uri:
        return f"{what}_encrypted_response_alg needs the client's public keys (jwks or jwks_uri)"
    if jwks is not None and not any(can_receive(key, alg) for key in jwks.get("keys", [])):
        return f"the client's jwks has no encryption key for {alg}"
    return None


def backchannel_logout_problem(uri: str | None, session_required: bool, loopback_http_allowed: bool) -> str | None:
    """Back-Channel Logout 1.0 §2.2: an absolute https URI without a fragment;
    http on a loopback host only where the issuer itself is http (development)."""
    if uri is None:
        return "backchannel_logout_session_required needs backchannel_logout_uri" if session_required else None
    parts = urlsplit(uri)
    if parts.fragment or "#" in uri or parts.username or parts.password or not parts.hostname:
        return f"backchannel_logout_uri must have a host and no user info or fragment: {uri}"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and loopback_http_allowed:
        return None
    where = " (or http on localhost, in development)" if loopback_http_allowed else ""
    return f"backchannel_logout_uri must be https{where}: {uri}"
