"""Signing keys: encrypted at rest; rotation publishes first and retires late
(OIDC Core 10.1.1; conformance oidcc-server-rotate-keys)."""

import json

from sqlalchemy import select

from idp.extensions import db
from idp.models import SigningKey
from idp.protocol import keys
from idp.security import decrypt_at_rest
from tests.oidc.flows import id_token_of, tokens_for


def published_kids(http):
    return {k["kid"] for k in http.get("/jwks.json").get_json()["keys"]}


def signing_kid(http, make_client):
    return id_token_of(tokens_for(http, make_client())).header["kid"]


def test_private_keys_are_encrypted_at_rest():
    row = keys.active_key("RS256")
    private = json.loads(decrypt_at_rest(row.private_jwk_encrypted))
    assert private["d"] not in row.private_jwk_encrypted.decode(errors="ignore")
    assert "d" not in row.public_jwk


def test_first_run_publishes_a_key_for_every_alg_before_anything_is_signed(http):
    db.session.execute(SigningKey.__table__.delete())
    db.session.commit()
    assert len(published_kids(http)) == len(keys.SUPPORTED_ALGS)
    assert set(db.session.scalars(select(SigningKey.alg))) == set(keys.SUPPORTED_ALGS)


def test_rotated_key_is_published_at_once_but_does_not_sign_yet(http, make_client):
    old = keys.active_key("RS256").kid
    new = keys.rotate("RS256").kid
    assert new in published_kids(http)
    assert signing_kid(http, make_client) == old


def test_after_the_rollover_the_new_key_signs_and_the_old_stays_published(http, app, make_client, clock):
    old = keys.active_key("RS256").kid
    new = keys.rotate("RS256").kid
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    assert signing_kid(http, make_client) == new
    assert {old, new} <= published_kids(http)


def test_retired_key_leaves_the_jwks_after_the_grace_period(http, app, clock):
    old = keys.active_key("RS256").kid
    keys.rotate("RS256")
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + app.config["KEY_RETIREMENT_GRACE_SECONDS"] + 1)
    assert old not in published_kids(http)


def test_rotate_now_signs_with_the_new_key_at_once(http, make_client):
    new = keys.rotate("RS256", immediately=True).kid
    assert signing_kid(http, make_client) == new


def test_rotating_twice_supersedes_the_pending_key(http):
    first = keys.rotate("RS256").kid
    second = keys.rotate("RS256").kid
    published = published_kids(http)
    assert second in published and first not in published


def test_kids_are_unique_in_the_jwks(http):
    keys.rotate("RS256")
    keys.rotate("ES256")
    kids = [k["kid"] for k in http.get("/jwks.json").get_json()["keys"]]
    assert len(kids) == len(set(kids))


def test_keys_cli_rotate_and_list(app, clock):
    runner = app.test_cli_runner()
    old = keys.active_key("RS256").kid
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    listing = {row["kid"]: row for row in json.loads(runner.invoke(args=["keys", "list", "--json"]).stdout)}
    new = next(kid for kid, row in listing.items() if row["status"] == "next")
    assert listing[new]["published"] and listing[old]["status"] == "active"
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    listing = {row["kid"]: row for row in json.loads(runner.invoke(args=["keys", "list", "--json"]).stdout)}
    assert listing[old]["status"] == "retired" and listing[new]["status"] == "active"


def pending_algs(runner) -> list[str]:
    listing = json.loads(runner.invoke(args=["keys", "list", "--json"]).stdout)
    return sorted(row["alg"] for row in listing if row["status"] == "next")


def test_keys_rotate_without_alg_rotates_every_algorithm(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert pending_algs(runner) == sorted(keys.SUPPORTED_ALGS)


def test_keys_rotate_with_alg_rotates_only_that_algorithm(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["keys", "rotate", "--alg", "ES256"])
    assert result.exit_code == 0, result.output
    assert pending_algs(runner) == ["ES256"]


def test_keys_rotate_now_with_alg_revokes_only_that_algorithms_keys(app):
    runner = app.test_cli_runner()
    old = {alg: keys.active_key(alg).kid for alg in keys.SUPPORTED_ALGS}
    result = runner.invoke(args=["keys", "rotate", "--alg", "PS256", "--now"])
    assert result.exit_code == 0, result.output
    listing = {row["kid"]: row["status"] for row in json.loads(runner.invoke(args=["keys", "list", "--json"]).stdout)}
    assert listing[old["PS256"]] == "revoked"
    assert all(listing[old[alg]] == "active" for alg in keys.SUPPORTED_ALGS if alg != "PS256")
