"""PKCE (RFC 7636) with RFC 9700 §2.1.1: S256 only, at both ends of the code flow.

The authorization request: a code_challenge of the right shape with method S256
(required for public clients and for every client registered with it, the
default). The token request: the code_verifier must match the stored challenge;
a missing or wrong verifier is `invalid_grant`, and `plain` never works.
"""

import re

from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidRequestError
from authlib.oauth2.rfc7636 import CodeChallenge

from idp.protocol.errors import InvalidRequest, OAuthError

METHODS = ("S256",)
# RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters; allow the verifier's alphabet and length.
CODE_CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def check_code_challenge(params: dict, client) -> OAuthError | None:
    """The authorization request's side (RFC 7636 §4.3)."""
    challenge = params.get("code_challenge")
    method = params.get("code_challenge_method")
    if challenge is None:
        if method is not None:
            return InvalidRequest("'code_challenge_method' without 'code_challenge'.")
        if client.pkce_required:
            return InvalidRequest("PKCE is required: send code_challenge with method S256.")
        return None
    if method not in METHODS:
        return InvalidRequest("Only code_challenge_method=S256 is supported.")
    if not CODE_CHALLENGE.match(challenge):
        return InvalidRequest("Invalid 'code_challenge'.")
    return None


class S256CodeChallenge(CodeChallenge):
    """The token request's side (RFC 7636 §4.6), as an Authlib grant extension.

    Authlib allows `plain` and answers a bad verifier with invalid_request;
    RFC 9700 §2.1.1 and RFC 7636 §4.6 want S256 only and invalid_grant.
    """

    SUPPORTED_CODE_CHALLENGE_METHOD = list(METHODS)
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
