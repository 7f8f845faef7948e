"""The pushed authorization request endpoint (RFC 9126).

POST /par  the client authenticates as at the token endpoint (RFC 9126 §2), pushes
           the authorization request's parameters in the body, and gets a one-time
           request_uri to send the browser to /authorize with (201, RFC 9126 §2.2).
The parameters pass the same named checks as at /authorize
(idp/protocol/authorization_request.py); an error is JSON (RFC 9126 §2.3).
"""

from authlib.oauth2 import OAuth2Error
from flask import jsonify, request
from werkzeug.datastructures import MultiDict

from idp.extensions import authorization
from idp.grants import CLIENT_AUTH_METHODS
from idp.oidc import bp
from idp.oidc.dpop_proof import error_response as dpop_error
from idp.oidc.dpop_proof import proof_key, with_nonce
from idp.oidc.request_objects import verified_parameters
from idp.oidc.token import respond
from idp.protocol.authorization_request import PAGE_CHECKS, REDIRECT_CHECKS, AuthorizationRequest, first_error
from idp.protocol.dpop import DPoPError
from idp.protocol.errors import InvalidRequest, OAuthError
from idp.protocol.par import CLIENT_AUTHENTICATION, push_error
from idp.services import pushed_requests


def _error(error: OAuthError):
    response = jsonify(error=error.error, error_description=error.description)
    response.status_code = 400
    return response


def _push():
    oauth_request = authorization.create_oauth2_request(request)
    try:
        client = authorization.authenticate_client(oauth_request, CLIENT_AUTH_METHODS, endpoint="par")
    except OAuth2Error as error:
        return authorization.handle_error_response(oauth_request, error)
    body = request.form
    problem = push_error(body, client.client_id)
    if problem is not None:
        return _error(problem)
    values = MultiDict([(name, value) for name, value in body.items(multi=True) if name not in CLIENT_AUTHENTICATION])
    if "request" in values:
        # RFC 9126 §3: a request object pushed; its parameters, and only they, are the request.
        try:
            values = MultiDict(verified_parameters(values["request"], client))
        except OAuthError as error:
            return _error(error)
    values.setdefault("client_id", client.client_id)
    try:
        jkt = proof_key()
    except DPoPError as error:
        return dpop_error(error)
    if jkt is not None:
        # RFC 9449 §10.1: a proof at PAR binds the code to its key, as dpop_jkt would.
        if values.get("dpop_jkt", jkt) != jkt:
            return _error(InvalidRequest("'dpop_jkt' is not the DPoP proof's key."))
        values["dpop_jkt"] = jkt
    pushed = AuthorizationRequest.parse(values)
    problem = first_error(PAGE_CHECKS, pushed, client) or first_error(REDIRECT_CHECKS, pushed.as_pushed(), client)
    if problem is not None:
        return _error(problem)
    request_uri, expires_in = pushed_requests.push(client.client_id, pushed.params)
    response = jsonify(request_uri=request_uri, expires_in=expires_in)
    response.status_code = 201
    return response


@bp.route("/par", methods=["POST"])
def pushed_authorization_request():
    return respond(lambda: with_nonce(_push()))
