"""The FAPI 2.0 Security Profile (final), for the clients registered with profile "fapi2".

Most of the profile is a stricter setting of a rule that lives elsewhere; this module
holds what is the profile's own, and says where the rest is enforced:

5.3.2.1-3, -6   confidential clients, private_key_jwt only ........ registration_problems
5.3.2.1-4, -5   sender-constrained tokens (DPoP) .................. Client.requires_dpop
5.3.2.1-8       client assertion aud = the issuer, as a string .... assertion_audience_problem
5.3.2.1-9       no refresh-token rotation ......................... idp/grants/refresh.py
5.3.2.1-11      codes live at most 60 s ........................... code_lifetime_seconds
5.3.2.1-13      +10 s of clock skew accepted, more than +60 s not . CLOCK_SKEW_SECONDS (60)
5.3.2.2-3       pushed requests only .............................. Client.requires_par
5.3.2.2-5       PKCE S256 ......................................... Client.pkce_required
5.3.2.2-8       https redirect URIs (loopback http in development) registration_problems
5.4             PS256, ES256, EdDSA only; RSA keys of 2048 bits ... ALGS, registration_problems
"""

import base64
from urllib.parse import urlsplit

PROFILE = "fapi2"
PROFILES = (PROFILE,)
# FAPI 2.0 §5.4.1: RS256 and none are refused (client assertions, request objects, DPoP, ID tokens).
ALGS = ("PS256", "ES256", "EdDSA")
MAX_CODE_LIFETIME_SECONDS = 60
MIN_RSA_MODULUS_BYTES = 256  # 2048 bits (FAPI 2.0 §5.4.1-2)


def registration_problems(
    auth_method: str, id_token_alg: str, redirect_uris: list[str], jwks: dict | None, loopback_http_allowed: bool
) -> list[str]:
    problems = []
    if auth_method != "private_key_jwt":
        problems.append("the fapi2 profile needs --auth-method private_key_jwt (FAPI 2.0 5.3.2.1-3, -6)")
    if id_token_alg not in ALGS:
        problems.append(f"the fapi2 profile needs an ID token algorithm among {', '.join(ALGS)} (FAPI 2.0 5.4)")
    for uri in redirect_uris:
        parts = urlsplit(uri)
        if parts.scheme != "https" and not (loopback_http_allowed and parts.scheme == "http"):
            problems.append(f"the fapi2 profile needs https redirect URIs (FAPI 2.0 5.3.2.2-8): {uri}")
    for key in (jwks or {}).get("keys", []):
        if key.get("kty") == "RSA" and len(_b64_bytes(key.get("n", ""))) < MIN_RSA_MODULUS_BYTES:
            problems.append("the fapi2 profile needs RSA keys of at least 2048 bits (FAPI 2.0 5.4.1)")
    return problems


def assertion_audience_problem(aud, issuer: str) -> str | None:
    """FAPI 2.0 5.3.2.1-8: the issuer identifier, as a string, is the only accepted value."""
    if aud != issuer:
        return "The assertion's aud must be the issuer identifier, as a single string."
    return None


def code_lifetime_seconds(configured: int, client) -> int:
    return min(configured, MAX_CODE_LIFETIME_SECONDS) if client.is_fapi2 else configured


def _b64_bytes(value: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, TypeError):
        return b""
