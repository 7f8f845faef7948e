"""The UserInfo response in the form the client registered (OIDC Core 5.3.2):
JSON; a JWT signed with our key for `userinfo_signed_response_alg`, carrying
`iss` and `aud`; encrypted to the client's key when it registered
`userinfo_encrypted_response_alg` (signed then encrypted: a Nested JWT, OIDC Core 10.2).
"""

import json

from flask import Response, current_app, jsonify
from joserfc import jwt

from idp.grants.client_auth import client_public_keys
from idp.protocol import encryption
from idp.protocol.keys import private_key_set


def userinfo_response(claims: dict, client) -> Response:
    alg = client.userinfo_signed_response_alg
    encrypted = encryption.encrypts(client, "userinfo")
    if alg is None and not encrypted:
        response = jsonify(claims)
    else:
        if alg is None:
            body = json.dumps(claims)  # OIDC Core 5.3.2: encrypted only, the JWE of the JSON
        else:
            # OIDC Core 5.3.2: a signed response MUST contain iss and aud.
            signed_claims = claims | {"iss": current_app.config["ISSUER"], "aud": client.client_id}
            body = jwt.encode({"alg": alg, "typ": "JWT"}, signed_claims, private_key_set(alg), [alg])
        if encrypted:
            keys = client_public_keys(client)
            body = encryption.encrypt_for(client, keys, "userinfo", body, nested=alg is not None)
        response = Response(body, mimetype="application/jwt")
    response.headers["Cache-Control"] = "no-store"
    return response
