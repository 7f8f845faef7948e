"""Token (RFC 6749 §3.2), revocation (RFC 7009) and introspection (RFC 7662).

Authlib does the protocol; idp.grants holds our storage and policy.
"""

from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7662 import IntrospectionEndpoint

from ..extensions import authorization
from . import bp


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


@bp.route("/token", methods=["POST"])
def token():
    return _no_store(authorization.create_token_response())


@bp.route("/revoke", methods=["POST"])
def revoke():
    return _no_store(authorization.create_endpoint_response(RevocationEndpoint.ENDPOINT_NAME))


@bp.route("/introspect", methods=["POST"])
def introspect():
    return _no_store(authorization.create_endpoint_response(IntrospectionEndpoint.ENDPOINT_NAME))
