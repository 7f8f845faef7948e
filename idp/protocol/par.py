"""Pushed authorization requests (RFC 9126): what a push may carry.

The pushed parameters go through the authorization request's own named checks
(idp/protocol/authorization_request.py); these are the rules of the push itself.
"""

from idp.protocol.errors import InvalidRequest, OAuthError

# RFC 9126 §2.2: "urn:ietf:params:oauth:request_uri:" followed by a reference.
REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:"
# Client authentication travels in the same body; it is not part of the authorization request.
CLIENT_AUTHENTICATION = ("client_secret", "client_assertion", "client_assertion_type")


def is_pushed_request_uri(value: str | None) -> bool:
    return isinstance(value, str) and value.startswith(REQUEST_URI_PREFIX)


def push_error(body, client_id: str) -> OAuthError | None:
    """Problems of the push itself, before the parameters' own checks."""
    if "request_uri" in body:
        # RFC 9126 §2.1: the request_uri parameter MUST NOT be provided in this case.
        return InvalidRequest("A pushed request must not carry a request_uri.")
    if body.get("client_id", client_id) != client_id:
        # RFC 9126 §2.1: the client_id, if sent, is that of the authenticated client.
        return InvalidRequest("The client_id is not that of the authenticated client.")
    return None
