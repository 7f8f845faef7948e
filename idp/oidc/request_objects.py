"""Request objects (RFC 9101) verified with the client's registered keys, at /authorize and PAR."""

from authlib.oauth2.rfc6749 import InvalidClientError

from idp.grants import PrivateKeyJWT
from idp.protocol.errors import InvalidRequestObject
from idp.protocol.request_object import parameters


def verified_parameters(request_object: str, client) -> dict[str, str]:
    """The parameters the client signed; InvalidRequestObject when it did not."""
    try:
        # The keys private_key_jwt uses: the registered jwks, or those at the jwks_uri.
        keys = PrivateKeyJWT().resolve_client_public_key(client)
    except InvalidClientError:
        raise InvalidRequestObject("This service has no usable registered keys to sign with.") from None
    return parameters(request_object, client, keys)
