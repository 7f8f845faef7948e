"""Each worker's copy of the signing keys (idp/protocol/key_ring.py): the JWKS and
discovery are served from bytes built once per set of keys, a change this worker
commits is seen at once, and one made elsewhere within KEYS_CACHE_SECONDS."""

from authlib.oidc.discovery import OpenIDProviderMetadata
from sqlalchemy import update

from idp.extensions import db
from idp.models import SigningKey
from idp.protocol import key_ring, keys
from tests.statements import statements_counted


def published_kids(http):
    return {k["kid"] for k in http.get("/jwks.json").get_json()["keys"]}


def revoke_elsewhere(kid):
    """What the CLI or another worker does: a write this worker's session never sees."""
    with db.engine.begin() as connection:
        connection.execute(update(SigningKey).where(SigningKey.kid == kid).values(revoked_at=db.func.now()))


def test_jwks_is_served_without_reading_the_database_once_warm(http):
    http.get("/jwks.json")
    with statements_counted() as seen:
        response = http.get("/jwks.json")
    assert response.status_code == 200 and seen == []


def test_discovery_is_validated_once_per_set_of_signing_algorithms(http, monkeypatch):
    http.get("/.well-known/openid-configuration")
    validations = []
    monkeypatch.setattr(OpenIDProviderMetadata, "validate", lambda self: validations.append(self))
    for _ in range(3):
        assert http.get("/.well-known/openid-configuration").status_code == 200
    assert validations == []


def test_discovery_bytes_are_the_same_document(http):
    first = http.get("/.well-known/openid-configuration")
    second = http.get("/.well-known/openid-configuration")
    assert first.data == second.data and first.get_json()["issuer"]
    assert first.headers["Cache-Control"] == "public, max-age=3600"


def test_a_rotation_committed_by_this_worker_is_published_at_once(http):
    published_kids(http)
    new = keys.rotate("ES256").kid
    assert new in published_kids(http)


def test_a_change_made_elsewhere_reaches_this_worker_within_the_cache_period(http, app, clock):
    kid = keys.active_key("ES256").kid
    assert kid in published_kids(http)
    revoke_elsewhere(kid)
    assert kid in published_kids(http)  # this worker's copy, still fresh
    clock.advance(app.config["KEYS_CACHE_SECONDS"])
    assert kid not in published_kids(http)


def test_a_clock_moved_back_reads_the_keys_again(http, clock):
    kid = keys.active_key("ES256").kid
    published_kids(http)
    revoke_elsewhere(kid)
    clock.advance(-1)
    assert kid not in published_kids(http)


def test_keys_another_worker_created_meanwhile_are_served_at_once(http, app):
    # This worker read an empty table; another worker then made the keys, under the lock
    # this worker waited for: it finds them there and serves them, not its empty copy.
    rows = [{c.name: getattr(row, c.name) for c in SigningKey.__table__.columns} for row in keys.all_keys()]
    with db.engine.begin() as connection:
        connection.execute(SigningKey.__table__.delete())
    key_ring.forget()
    assert key_ring.keys() == ()
    with db.engine.begin() as connection:
        connection.execute(SigningKey.__table__.insert(), rows)
    assert keys.ensure_keys() == []
    assert published_kids(http) == {row["kid"] for row in rows}
