"""A request's DPoP proof (RFC 9449 §4) at our endpoints, and DPoP errors as responses.

The checks are idp/protocol/dpop.py; here, where they read the request: the header,
the method, and the endpoint's URL as the issuer publishes it (htu).
"""

from flask import current_app, jsonify, request

from idp.protocol.dpop import ALGS, DPoPError, current_nonce
from idp.protocol.dpop import check_proof as _check_proof


def proof_key(access_token: str | None = None) -> str | None:
    """The JWK thumbprint of this request's DPoP proof key; None when it sends none."""
    values = request.headers.getlist("DPoP")
    if not values:
        return None
    url = current_app.config["ISSUER"] + request.path
    return _check_proof(values, request.method, url, access_token)


def with_nonce(response):
    """RFC 9449 §8.2: with nonces required, every answer hands out the current one."""
    if current_app.config["DPOP_NONCE_REQUIRED"]:
        response.headers["DPoP-Nonce"] = current_nonce()
    return response


def error_response(error: DPoPError):
    """RFC 9449 §5 (token and PAR endpoints): 400 with the error as JSON."""
    response = jsonify(error=error.error, error_description=error.description)
    response.status_code = 400
    response.headers["Cache-Control"] = "no-store"
    return with_nonce(response)


def challenge(error: str | None = None, description: str | None = None) -> str:
    """RFC 9449 §7.1: the DPoP WWW-Authenticate challenge of a resource."""
    value = f'DPoP algs="{" ".join(ALGS)}"'
    if error:
        value += f', error="{error}", error_description="{description}"'
    return value
