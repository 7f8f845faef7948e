"""Signed request objects (RFC 9101, JAR), at /authorize and at the PAR endpoint.

The object's claims are the authorization request's parameters, and only they are
used (RFC 9101 §6.3). It must be signed by the client's registered key with an
asymmetric algorithm (never `none`), name the client as `iss`, us as `aud`, and
be fresh: `exp` always; for FAPI 2.0 clients also `nbf`, no older than an hour and
at most an hour before `exp` (FAPI 2.0 Message Signing §5.3.1).
"""

from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError

from idp.clock import timestamp
from idp.protocol import fapi2
from idp.protocol.errors import InvalidRequestObject

ALGS = ("PS256", "ES256", "EdDSA", "RS256")
MAX_LIFETIME_SECONDS = 3600
# RFC 9101 §5.1: a request object cannot point at another.
NOT_INSIDE = ("request", "request_uri")


def parameters(request_object: str, client, keys) -> dict[str, str]:
    """The verified object's parameters, or InvalidRequestObject."""
    algs = fapi2.ALGS if client.is_fapi2 else ALGS
    try:
        claims = jwt.decode(request_object, keys, algorithms=list(algs)).claims
    except (JoseError, ValueError) as error:
        raise InvalidRequestObject(f"The request object is not signed by this service's key ({error}).") from None
    _check_claims(claims, client)
    values: dict[str, str] = {}
    for name, value in claims.items():
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            continue  # the JWT's own claims (aud may be a list) and nothing we read
        values[name] = str(value)
    values["client_id"] = client.client_id
    return values


def _check_claims(claims: dict, client) -> None:
    issuer = current_app.config["ISSUER"]
    skew = current_app.config["CLOCK_SKEW_SECONDS"]
    now = timestamp()
    if claims.get("iss") != client.client_id:
        raise InvalidRequestObject("The request object's iss must be the client_id.")
    if claims.get("client_id", client.client_id) != client.client_id:
        raise InvalidRequestObject("The request object's client_id is not this service's.")
    aud = claims.get("aud")
    if aud != issuer and not (isinstance(aud, list) and issuer in aud):
        raise InvalidRequestObject("The request object's aud must be the issuer.")
    if any(name in claims for name in NOT_INSIDE):
        raise InvalidRequestObject("A request object must not carry request or request_uri.")
    exp, nbf, iat = claims.get("exp"), claims.get("nbf"), claims.get("iat")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or exp <= now - skew:
        raise InvalidRequestObject("The request object needs an exp in the future.")
    for name, value in (("nbf", nbf), ("iat", iat)):
        # FAPI 2.0 5.3.2.1-13: up to 10 s ahead accepted, more than 60 s refused.
        if value is not None and (not _is_time(value) or value > now + skew):
            raise InvalidRequestObject(f"The request object's {name} is in the future.")
    if client.is_fapi2:
        if not isinstance(nbf, (int, float)) or nbf < now - MAX_LIFETIME_SECONDS or exp - nbf > MAX_LIFETIME_SECONDS:
            raise InvalidRequestObject("The request object needs an nbf within the hour before exp.")
    elif exp > now + MAX_LIFETIME_SECONDS + skew:
        raise InvalidRequestObject("The request object's exp is too far in the future.")


def _is_time(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
