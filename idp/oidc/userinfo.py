"""UserInfo (OIDC Core 5.3): the claims of the granted scopes, nothing more.

The access token is read from the Authorization header only (RFC 6750 §2.1;
query tokens leak into logs). Errors follow RFC 6750 §3.
"""

from flask import jsonify, request

from idp.oidc import bp
from idp.protocol.claims import claims_for
from idp.services import clients, tokens
from idp.web.parameters import with_control_characters


def _bearer_error(status: int, error: str | None = None, description: str | None = None):
    challenge = 'Bearer realm="userinfo"'
    if error:
        challenge += f', error="{error}", error_description="{description}"'
    body = {"error": error, "error_description": description} if error else {}
    response = jsonify(body)
    response.status_code = status
    response.headers["WWW-Authenticate"] = challenge
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    if with_control_characters(request.values) is not None:
        # As everywhere (idp/web/parameters.py); RFC 6750 §3.1: a malformed request.
        return _bearer_error(400, "invalid_request", "A parameter contains a control character.")
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        if "access_token" in request.values:
            return _bearer_error(400, "invalid_request", "Send the access token in the Authorization header.")
        return _bearer_error(401)
    token = tokens.by_access_token(value.strip())
    if token is None or not token.access_token_active:
        return _bearer_error(401, "invalid_token", "The access token is invalid, expired or revoked.")
    if "openid" not in token.scope.split():
        return _bearer_error(403, "insufficient_scope", "The token was not issued with the openid scope.")
    client = clients.find(token.client_id)
    response = jsonify(claims_for(token.citizen, client, token.scope))
    response.headers["Cache-Control"] = "no-store"
    return response
