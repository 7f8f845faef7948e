"""UserInfo (OIDC Core 5.3): the claims of the granted scopes, nothing more,
as JSON or a JWT (idp/oidc/userinfo_response.py).

The access token is read from the Authorization header only (RFC 6750 §2.1;
query tokens leak into logs), with the Bearer scheme, or the DPoP scheme and a
proof of the token's key (RFC 9449 §7). A DPoP-bound token is refused as Bearer.
Errors follow RFC 6750 §3 and RFC 9449 §7.1; the scheme is case-insensitive.
"""

import logging

from flask import jsonify, request

from idp.oidc import bp
from idp.oidc.dpop_proof import challenge as dpop_challenge
from idp.oidc.dpop_proof import proof_key, with_nonce
from idp.oidc.userinfo_response import userinfo_response
from idp.protocol.claims import claims_for, named_claims
from idp.protocol.dpop import DPoPError
from idp.protocol.encryption import NoEncryptionKey
from idp.protocol.sensitive_scopes import released_in_clear
from idp.services import clients, disclosures, tokens
from idp.web.parameters import with_control_characters

log = logging.getLogger(__name__)


def _error(status: int, error: str | None = None, description: str | None = None, scheme: str = "bearer"):
    bearer = 'Bearer realm="userinfo"'
    if error and scheme == "bearer":
        bearer += f', error="{error}", error_description="{description}"'
    body = {"error": error, "error_description": description} if error else {}
    response = jsonify(body)
    response.status_code = status
    response.headers["WWW-Authenticate"] = bearer
    # RFC 9449 §7.1: the DPoP challenge beside Bearer's; it carries the error of a DPoP request.
    response.headers.add(
        "WWW-Authenticate", dpop_challenge(error, description) if scheme == "dpop" else dpop_challenge()
    )
    response.headers["Cache-Control"] = "no-store"
    return with_nonce(response)


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    if with_control_characters(request.values) is not None:
        # As everywhere (idp/web/parameters.py); RFC 6750 §3.1: a malformed request.
        return _error(400, "invalid_request", "A parameter contains a control character.")
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    scheme, value = scheme.lower(), value.strip()
    if scheme not in ("bearer", "dpop") or not value:
        if "access_token" in request.values:
            return _error(400, "invalid_request", "Send the access token in the Authorization header.")
        return _error(401)
    token = tokens.by_access_token(value)
    if token is None or not token.access_token_active:
        return _error(401, "invalid_token", "The access token is invalid, expired or revoked.", scheme)
    if scheme == "bearer" and token.dpop_jkt is not None:
        # RFC 9449 §7.2: a DPoP-bound token is no bearer token.
        return _error(401, "invalid_token", "This access token is DPoP-bound: use the DPoP scheme.", "dpop")
    if scheme == "dpop":
        refusal = _proof_refusal(value, token.dpop_jkt)
        if refusal is not None:
            return refusal
    if "openid" not in token.scope.split():
        return _error(403, "insufficient_scope", "The token was not issued with the openid scope.", scheme)
    client = clients.recent(token.client_id)
    if refusal := released_in_clear(client, token.scope):
        # A token issued before sensitive scopes required encryption: its claims never in clear.
        log.error("refused UserInfo to %s: %s", token.client_id, refusal)
        return _error(403, "unauthorized_client", refusal, scheme)
    claims = claims_for(token.citizen, client, token.scope) | named_claims(token.citizen, token.claims or [])
    try:
        response = userinfo_response(claims, client)
    except NoEncryptionKey as error:
        # The client's jwks_uri is down or lacks its key: the client may retry.
        log.warning("no encryption key for the UserInfo of %s: %s", token.client_id, error)
        response = jsonify(
            error="temporarily_unavailable", error_description="The client's encryption key could not be loaded."
        )
        response.status_code = 503
        response.headers["Retry-After"] = "60"
        response.headers["Cache-Control"] = "no-store"
        return response
    disclosures.record(token.citizen_id, token.client_id, "userinfo", claims)
    return with_nonce(response)


def _proof_refusal(access_token: str, bound_jkt: str | None):
    """RFC 9449 §7.1: a proof of the token's key, with `ath` of this token."""
    if bound_jkt is None:
        return _error(401, "invalid_token", "This access token is not DPoP-bound: use the Bearer scheme.", "dpop")
    try:
        jkt = proof_key(access_token)
    except DPoPError as error:
        return _error(401, error.error, error.description, "dpop")
    if jkt is None:
        return _error(401, "invalid_dpop_proof", "Send a DPoP proof with the DPoP scheme.", "dpop")
    if jkt != bound_jkt:
        return _error(401, "invalid_dpop_proof", "The DPoP proof is not signed by the token's key.", "dpop")
    return None
