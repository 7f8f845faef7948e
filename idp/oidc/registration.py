"""Client registration (OIDC Dynamic Client Registration 1.0, RFC 7591) with an
initial access token an operator issued to the agency, and client configuration
(RFC 7592: read, update, delete) with the registration access token returned,
a new one after each update (RFC 7592 §3).

Errors are RFC 7591 §3.2.2 JSON (invalid_redirect_uri, invalid_client_metadata);
a missing or wrong token is RFC 6750 §3.1 invalid_token, 401.
"""

import logging

from flask import current_app, jsonify, request

from idp.oidc import bp
from idp.protocol.client_metadata import InvalidClientMetadata
from idp.registration.metadata import metadata_of, spec_from
from idp.services import initial_access_tokens, registrations

log = logging.getLogger(__name__)


def _json(body: dict | None, status: int, **headers):
    response = jsonify(body) if body is not None else current_app.response_class(status=status)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"  # RFC 7591 §3.2.1: it holds credentials
    response.headers["Pragma"] = "no-cache"
    response.headers.update(headers)
    return response


def _invalid_token(description: str):
    challenge = f'Bearer error="invalid_token", error_description="{description}"'
    body = {"error": "invalid_token", "error_description": description}
    return _json(body, 401, **{"WWW-Authenticate": challenge})


def _bearer() -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _metadata_error(error: InvalidClientMetadata):
    return _json({"error": error.error, "error_description": _printable(str(error))}, 400)


def _printable(text: str) -> str:
    # RFC 6749 §5.2's character set, which RFC 7591 §3.2.2 inherits.
    return "".join(ch if 0x20 <= ord(ch) <= 0x7E and ch not in '"\\' else "?" for ch in text)[:300]


def _document():
    if not request.is_json:
        raise InvalidClientMetadata("Send the client metadata as application/json.")
    document = request.get_json(silent=True)
    if document is None:
        raise InvalidClientMetadata("The request body is not valid JSON.")
    return document


@bp.route("/register", methods=["POST"])
def register():
    grant = initial_access_tokens.find_valid(_bearer())
    if grant is None:
        return _invalid_token("An initial access token from JAKI ID's operators is required.")
    try:
        spec = spec_from(_document(), grant)
        client, secret, registration_token = registrations.register(spec, grant)
    except InvalidClientMetadata as error:
        return _metadata_error(error)
    log.info("agency %r registered client %s", grant.agency, client.client_id)
    body = metadata_of(client, current_app.config["ISSUER"])
    body["registration_access_token"] = registration_token
    if secret:
        body["client_secret"] = secret
    return _json(body, 201)


@bp.route("/register/<client_id>", methods=["GET", "PUT", "DELETE"])
def client_configuration(client_id: str):
    client = registrations.find(client_id, _bearer())
    if client is None:
        # RFC 7592 §2.1: an unknown client and a wrong token look the same.
        return _invalid_token("The registration access token is invalid for this client.")
    issuer = current_app.config["ISSUER"]
    if request.method == "GET":
        return _json(metadata_of(client, issuer), 200)
    if request.method == "DELETE":
        registrations.delete(client)
        log.info("client %s deleted by its agency", client.client_id)
        return _json(None, 204)
    grant = initial_access_tokens.get(client.initial_access_token_id)
    try:
        document = _document()
        if not isinstance(document, dict) or document.get("client_id") != client.client_id:
            # RFC 7592 §2.2: the request MUST carry the client's own client_id.
            raise InvalidClientMetadata("client_id must be present and be this client's.")
        secret = document.get("client_secret")
        if secret is not None and not (isinstance(secret, str) and client.check_client_secret(secret)):
            raise InvalidClientMetadata("client_secret, when sent, must be the client's current secret.")
        if grant is None:
            raise InvalidClientMetadata("This client was not registered with an initial access token.")
        registration_token = registrations.update(client, spec_from(document, grant))
    except InvalidClientMetadata as error:
        return _metadata_error(error)
    # RFC 7592 §3: a new registration access token with every update; the old one is void.
    return _json(metadata_of(client, issuer) | {"registration_access_token": registration_token}, 200)
