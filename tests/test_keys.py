"""Signing keys: encrypted at rest, rotation publishes first and retires late."""

import json
import time

from sqlalchemy import select

from idp import keys
from idp.extensions import db
from idp.models import SigningKey
from tests.oidc.flows import id_token_of, tokens_for


def published_kids(http):
    return {k["kid"] for k in http.get("/jwks.json").get_json()["keys"]}


def test_private_keys_are_encrypted_at_rest():
    row = keys.active_key("RS256")
    private = json.loads(keys._fernet().decrypt(row.private_jwk_encrypted))
    assert private["d"] not in row.private_jwk_encrypted.decode(errors="ignore")
    assert "d" not in row.public_jwk


def test_first_use_creates_the_default_key(app):
    db.session.execute(SigningKey.__table__.delete())
    db.session.commit()
    keys.ensure_keys()
    assert db.session.scalar(select(SigningKey.alg)) == "RS256"


def test_staged_key_is_published_before_it_signs(http, make_client):
    staged = keys.stage("RS256")
    assert staged.kid in published_kids(http)
    token = id_token_of(tokens_for(http, make_client()))
    assert token.header["kid"] != staged.kid


def test_rotation_signs_with_the_new_key_and_keeps_the_old_published(http, make_client):
    old = keys.active_key("RS256").kid
    new = keys.rotate("RS256").kid
    token = id_token_of(tokens_for(http, make_client()))
    assert token.header["kid"] == new
    assert {old, new} <= published_kids(http)


def test_rotation_activates_the_staged_key(http):
    staged = keys.stage("RS256").kid
    assert keys.rotate("RS256").kid == staged


def test_retired_key_leaves_the_jwks_after_the_grace_period(http, app, monkeypatch):
    old = keys.active_key("RS256").kid
    keys.rotate("RS256")
    later = time.time() + app.config["KEY_RETIREMENT_GRACE_SECONDS"] + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert old not in published_kids(http)


def test_keys_cli_rotate_and_list(app):
    runner = app.test_cli_runner()
    old = keys.active_key("RS256").kid
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    listing = json.loads(runner.invoke(args=["keys", "list", "--json"]).stdout)
    status = {row["kid"]: row["status"] for row in listing}
    assert status[old] == "retired"
    assert list(status.values()).count("active") == len(keys.SUPPORTED_ALGS)
