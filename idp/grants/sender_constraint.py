"""DPoP-bound tokens at the token endpoint (RFC 9449 §5, §10.1).

The token view checks the request's proof (idp/oidc/dpop_proof.py) and keeps its
key's thumbprint in `g.dpop_jkt`; here the grants hold it to what they are bound
to, and the token response says DPoP.
"""

from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidRequestError
from flask import g


def proof_jkt() -> str | None:
    """The thumbprint of the token request's DPoP proof key, if it sent one."""
    return g.get("dpop_jkt")


def check_binding(client, bound_jkt: str | None) -> None:
    """The proof matches the key the code or refresh token is bound to, and a client
    registered for sender-constrained tokens sent one."""
    jkt = proof_jkt()
    if bound_jkt is not None and jkt != bound_jkt:
        # RFC 9449 §10.1 (a code bound by dpop_jkt), §5 (a bound refresh token).
        raise InvalidGrantError("The DPoP proof is not signed by the key this grant is bound to.")
    if jkt is None and client.requires_dpop:
        # RFC 9449 §5.2 dpop_bound_access_tokens; FAPI 2.0 5.3.2.1-4: sender-constrained only.
        raise InvalidRequestError("This client's tokens are sender-constrained: send a DPoP proof.")


def dpop_token_generator(generate):
    """Authlib's token generator, saying token_type DPoP for a DPoP-bound token (RFC 9449 §5)."""

    def generate_token(*args, **kwargs):
        token = generate(*args, **kwargs)
        if proof_jkt() is not None:
            token["token_type"] = "DPoP"
        return token

    return generate_token
