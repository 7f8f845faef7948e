"""Finding 5 of issue 8: `flask keys rotate --now` kept a compromised key trusted.

The old `kid` stayed in the JWKS for the grace period, and id_token_hint
verification accepted any key ever held, so a hint forged with the compromised
key was accepted at end_session. Now `--now` revokes the keys of that algorithm
it replaces: they leave the JWKS at once, sign nothing and verify nothing. A
normal rotation still publishes, then signs, then retires (OIDC Core 10.1.1).
"""

import json

from joserfc import jwt
from joserfc.jwk import KeySet

from idp.clock import timestamp
from idp.protocol import keys
from idp.security import decrypt_at_rest
from tests.conftest import ISSUER, AuthRequest, post_form
from tests.oidc.flows import PHONE, id_claims, tokens_for

LOGOUT_URI = "https://permits.example/signed-out"


def rotate_now(app):
    result = app.test_cli_runner().invoke(args=["keys", "rotate", "--now"])
    assert result.exit_code == 0, result.output
    return result


def listing(app) -> dict:
    output = app.test_cli_runner().invoke(args=["keys", "list", "--json"]).stdout
    return {row["kid"]: row for row in json.loads(output)}


def forged_hint(row, claims: dict) -> str:
    """What the holder of the stolen private key can sign: any ID token it likes."""
    private = KeySet.import_key_set({"keys": [json.loads(decrypt_at_rest(row.private_jwk_encrypted))]})
    moment = timestamp()
    return jwt.encode({"alg": row.alg, "kid": row.kid}, claims | {"iat": moment, "exp": moment + 3600}, private)


def signed_in(http, make_client):
    client = make_client(post_logout_redirect_uris=[LOGOUT_URI])
    return client, id_claims(tokens_for(http, client))


def test_finding_5_rotate_now_unpublishes_the_old_key_at_once(http, app):
    old = keys.active_key("RS256").kid
    rotate_now(app)
    assert old not in {key["kid"] for key in http.get("/jwks.json").get_json()["keys"]}


def test_finding_5_keys_list_shows_the_revoked_key(app):
    old = keys.active_key("RS256").kid
    rotate_now(app)
    assert listing(app)[old]["status"] == "revoked"
    assert listing(app)[old]["published"] is False


def test_finding_5_a_hint_forged_with_the_revoked_key_is_refused_at_end_session(http, app, make_client):
    client, claims = signed_in(http, make_client)
    hint = forged_hint(keys.active_key("RS256"), claims)
    rotate_now(app)
    response = http.get("/end_session", query_string={"id_token_hint": hint, "post_logout_redirect_uri": LOGOUT_URI})
    assert response.status_code == 400 and "Location" not in response.headers
    silent = AuthRequest(client, prompt="none")
    assert "code" in silent.result(silent.start(http))  # still signed in


def test_finding_5_a_hint_forged_with_the_revoked_key_is_refused_at_authorize(http, app, make_client):
    client, claims = signed_in(http, make_client)
    hint = forged_hint(keys.active_key("RS256"), claims)
    rotate_now(app)
    auth = AuthRequest(client, prompt="none", id_token_hint=hint)
    result = auth.result(auth.start(http))
    assert result["error"] == "invalid_request" and result["iss"] == ISSUER


def test_finding_5_a_key_revoked_during_a_sign_in_ends_it_with_invalid_request(http, app, make_client, clock):
    client, claims = signed_in(http, make_client)
    hint = forged_hint(keys.active_key("RS256"), claims)
    auth = AuthRequest(client, prompt="login", id_token_hint=hint)
    page = auth.start(http)
    assert "/signin" in page.location
    rotate_now(app)
    clock.advance(60)  # the number's cooldown since the first sign-in
    # The hint was checked at /authorize; the next sign-in step checks it again.
    response = post_form(http, page.location, {"phone": PHONE})
    result = auth.result(auth.follow_to_client(http, response))
    assert result["error"] == "invalid_request" and result["state"] == auth.state


def test_finding_5_a_revoked_key_never_signs(http, app, make_client, clock):
    pending = keys.rotate("RS256").kid  # published, signs after the rollover
    rotate_now(app)
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    assert listing(app)[pending]["status"] == "revoked"
    token = tokens_for(http, make_client())
    assert jwt.decode(token["id_token"], keys.public_key_set()).header["kid"] != pending


def test_finding_5_a_normal_rotation_keeps_hints_of_the_old_key_valid(http, app, make_client, clock):
    client, claims = signed_in(http, make_client)
    hint = forged_hint(keys.active_key("RS256"), claims)  # as good as the real one: the key is not compromised
    keys.rotate("RS256")
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + app.config["KEY_RETIREMENT_GRACE_SECONDS"] + 60)
    response = http.get("/end_session", query_string={"id_token_hint": hint, "post_logout_redirect_uri": LOGOUT_URI})
    assert response.status_code == 303
