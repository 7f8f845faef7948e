"""Token (RFC 6749 §3.2), revocation (RFC 7009) and introspection (RFC 7662).

Authlib does the protocol; idp.grants holds our storage and policy. Here, only
what Authlib lets through: repeated parameters, a client that authenticates
more than one way, and control characters (idp/web/parameters.py), which would
reach the client lookup (PostgreSQL fails on NUL).
"""

import base64
import binascii
import json
from urllib.parse import unquote

from authlib.oauth2.rfc6749 import InvalidClientError, InvalidRequestError
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from flask import g, request
from joserfc import jws
from joserfc.errors import JoseError

from idp.extensions import authorization
from idp.grants import safe_description
from idp.oidc import bp
from idp.oidc.dpop_proof import error_response as dpop_error
from idp.oidc.dpop_proof import proof_key, with_nonce
from idp.protocol.dpop import DPoPError
from idp.web.parameters import has_control_characters, with_control_characters


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def malformed(form, authorization_header) -> str | None:
    """Why the request is invalid_request before any grant reads it, if it is.

    `form` is query and body together: a name in both counts as sent twice.
    """
    unprintable = with_control_characters(form)
    if unprintable is not None:
        return safe_description(f"The parameter '{unprintable}' contains a control character.")
    repeated = [name for name, values in form.lists() if len(values) > 1]
    if repeated:
        # RFC 6749 §3.2: parameters MUST NOT be included more than once.
        return safe_description(f"The parameter '{repeated[0]}' was sent more than once.")
    mechanisms = []
    if authorization_header is not None and authorization_header.type == "basic":
        mechanisms.append("HTTP Basic")
    # RFC 6749 §3.2: a parameter sent without a value counts as omitted.
    mechanisms += [name for name in ("client_secret", "client_assertion") if form.get(name)]
    if len(mechanisms) > 1:
        # RFC 6749 §2.3: a client MUST NOT use more than one authentication method.
        return f"Authenticate the client one way only, not with {' and '.join(mechanisms)}."
    return None


def unreadable_basic_credentials(header: str | None) -> bool:
    """RFC 7617 credentials that are not base64 of UTF-8 (Authlib would crash on them),
    or whose form-urlencoded client_id or secret (RFC 6749 §2.3.1) holds a control character."""
    scheme, _, value = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        credentials = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return True
    return has_control_characters(unquote(credentials))


def unusable_assertion_subject(form) -> bool:
    """A client_assertion whose `sub`, the client_id Authlib looks up before it checks
    the signature (RFC 7523 §3), holds a control character. Anything else unreadable
    is left to Authlib, which refuses it as invalid_client."""
    assertion = form.get("client_assertion")
    if not assertion:
        return False
    try:
        subject = json.loads(jws.extract_compact(assertion.encode()).payload).get("sub")
    except (JoseError, ValueError, AttributeError):
        return False
    return isinstance(subject, str) and has_control_characters(subject)


def respond(create_response):
    """The response of an endpoint where clients authenticate (also PAR, idp/oidc/par.py)."""
    if unreadable_basic_credentials(request.headers.get("Authorization")):
        error = InvalidClientError(status_code=401, description="Unreadable HTTP Basic credentials.")
        return _no_store(authorization.handle_response(*error()))
    # Authlib reads query and body together (request.values): so do these checks.
    if unusable_assertion_subject(request.values):
        # 400, as Authlib answers an assertion naming an unknown client.
        error = InvalidClientError(description="The client assertion's 'sub' is not a client_id.")
        return _no_store(authorization.handle_response(*error()))
    problem = malformed(request.values, request.authorization)
    if problem:
        return _no_store(authorization.handle_response(*InvalidRequestError(problem)()))
    return _no_store(create_response())


@bp.route("/token", methods=["POST"])
def token():
    return respond(_token_response)


def _token_response():
    # RFC 9449 §5: a proof, if sent, is checked before the grant; its key binds the tokens.
    try:
        g.dpop_jkt = proof_key()
    except DPoPError as error:
        return dpop_error(error)
    return with_nonce(authorization.create_token_response())


@bp.route("/revoke", methods=["POST"])
def revoke():
    return respond(lambda: authorization.create_endpoint_response(RevocationEndpoint.ENDPOINT_NAME))


@bp.route("/introspect", methods=["POST"])
def introspect():
    return respond(lambda: authorization.create_endpoint_response(IntrospectionEndpoint.ENDPOINT_NAME))
