"""Every advertised ID token algorithm has its key published before it signs
(OIDC Core 10.1.1): created on the first start (or first JWKS read), never on
the signing path, once however many workers start together."""

import threading
from datetime import timedelta

import pytest
from joserfc import jwt
from sqlalchemy import func, select, update

from idp.clock import now
from idp.extensions import db
from idp.models import AuthorizationCode, SigningKey
from idp.protocol import keys
from idp.services.clients import InvalidClientMetadata
from tests.conftest import AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow, tokens_for


def no_keys_yet(app):
    """A fresh deployment: an empty key table, and no worker has started yet."""
    db.session.execute(SigningKey.__table__.delete())
    db.session.commit()
    app.extensions.pop(keys.READY, None)


def jwks_kids(http) -> dict[str, str]:
    return {k["kid"]: k["alg"] for k in http.get("/jwks.json").get_json()["keys"]}


def signing_kid(http, make_client, alg):
    tokens = tokens_for(http, make_client(id_token_alg=alg))
    return jwt.decode(tokens["id_token"], keys.public_key_set(), algorithms=list(keys.SUPPORTED_ALGS)).header["kid"]


def key_count(alg=None):
    query = select(func.count()).select_from(SigningKey)
    return db.session.scalar(query.where(SigningKey.alg == alg) if alg else query)


def test_every_advertised_alg_is_in_the_jwks_before_it_signs_oidc_core_10_1_1(http, app, make_client):
    no_keys_yet(app)
    advertised = http.get("/.well-known/openid-configuration").get_json()["id_token_signing_alg_values_supported"]
    cached = jwks_kids(http)  # what a relying party caches before its first sign-in
    assert sorted(cached.values()) == sorted(advertised)
    for alg in advertised:
        assert cached.get(signing_kid(http, make_client, alg)) == alg


def test_the_first_start_publishes_every_alg_before_any_request_is_served(http, app, make_client):
    no_keys_yet(app)
    kid = signing_kid(http, make_client, "ES256")  # an RP that never read the JWKS first
    assert key_count() == len(keys.SUPPORTED_ALGS)
    assert kid in jwks_kids(http)


def test_an_alg_added_later_is_published_first_and_signs_after_the_rollover_oidc_core_10_1_1(
    http, app, make_client, clock
):
    db.session.execute(SigningKey.__table__.delete().where(SigningKey.alg == "ES256"))
    db.session.commit()
    app.extensions.pop(keys.READY, None)  # a new release adds ES256 to a running deployment
    published = [kid for kid, alg in jwks_kids(http).items() if alg == "ES256"]
    assert len(published) == 1
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    assert signing_kid(http, make_client, "ES256") == published[0]


def test_signing_never_creates_a_key(http, app, make_client):
    client = make_client(id_token_alg="EdDSA")
    db.session.execute(SigningKey.__table__.delete().where(SigningKey.alg == "EdDSA"))
    db.session.commit()  # (the worker has started: nothing creates keys before signing)
    response = token_response(http, client)
    assert_oauth_error(response, "temporarily_unavailable", 503)
    assert response.headers["Retry-After"]
    assert key_count("EdDSA") == 0


def token_response(http, client):
    auth = AuthRequest(client)
    return auth.token_request(http, full_flow(http, auth)["code"])


def a_new_release_adds(app, alg):
    """`alg` had no key: the next worker publishes one that signs after the rollover."""
    db.session.execute(SigningKey.__table__.delete().where(SigningKey.alg == alg))
    db.session.commit()
    app.extensions.pop(keys.READY, None)


def advertised(http) -> list[str]:
    return http.get("/.well-known/openid-configuration").get_json()["id_token_signing_alg_values_supported"]


def test_discovery_advertises_an_alg_only_once_its_key_signs_oidc_discovery_3(http, app, clock):
    a_new_release_adds(app, "ES256")
    assert "ES256" not in advertised(http)
    assert "ES256" in jwks_kids(http).values()  # published meanwhile, for RPs to cache
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    assert "ES256" in advertised(http)


def test_a_client_cannot_register_an_alg_whose_key_does_not_sign_yet(http, app, make_client):
    a_new_release_adds(app, "ES256")
    http.get("/jwks.json")  # the worker publishes the ES256 key
    with pytest.raises(InvalidClientMetadata, match="ES256 does not sign yet"):
        make_client(id_token_alg="ES256")


def test_a_client_of_an_alg_that_does_not_sign_yet_gets_a_503_and_keeps_its_code(http, app, make_client, clock):
    client = make_client(id_token_alg="ES256")  # registered before its key was replaced
    a_new_release_adds(app, "ES256")
    http.get("/jwks.json")
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    assert_oauth_error(auth.token_request(http, code), "temporarily_unavailable", 503)
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + 1)
    db.session.execute(update(AuthorizationCode).values(expires_at=now() + timedelta(seconds=60)))
    db.session.commit()  # (the code outlived the wait only here: it stayed unconsumed)
    assert auth.token_request(http, code).status_code == 200


def test_workers_starting_together_create_one_key_per_alg(http, app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite in the tests shares one connection: the race needs PostgreSQL")
    no_keys_yet(app)
    workers = 8
    barrier = threading.Barrier(workers)
    seen: list[dict] = []

    def first_request():
        client = app.test_client()
        barrier.wait()
        seen.append(jwks_kids(client))

    threads = [threading.Thread(target=first_request) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert key_count() == len(keys.SUPPORTED_ALGS)
    assert all(kids == seen[0] for kids in seen) and len(seen) == workers
