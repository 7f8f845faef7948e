"""The UserInfo response in the form the client registered (OIDC Core 5.3.2):
JSON; a JWT signed with our key for `userinfo_signed_response_alg`, carrying
`iss` and `aud`; encrypted to the client's key when it registered
`userinfo_encrypted_response_alg` (signed then encrypted: a Nested JWT, OIDC Core 10.2).
"""

from flask import Response, current_app, jsonify
from joserfc import jwt

from idp.protocol.keys import private_key_set


def userinfo_response(claims: dict, client) -> Response:
    alg = client.userinfo_signed_response_alg
    if alg is None:
        response = jsonify(claims)
    else:
        # OIDC Core 5.3.2: a signed response MUST contain iss and aud.
        signed_claims = claims | {"iss": current_app.config["ISSUER"], "aud": client.client_id}
        body = jwt.encode({"alg": alg, "typ": "JWT"}, signed_claims, private_key_set(alg), [alg])
        response = Response(body, mimetype="application/jwt")
    response.headers["Cache-Control"] = "no-store"
    return response
