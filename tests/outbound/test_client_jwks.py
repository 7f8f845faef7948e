"""private_key_jwt keys from the client's jwks_uri (RFC 7523 §3, OIDC Core 10.1.1):
fetched through the guarded fetcher, cached, refetched when a client rotates its
key and signs with a `kid` we have not seen, at most once a minute."""

import pytest
from joserfc.jwk import RSAKey

from tests.oidc.test_private_key_jwt import assert_authenticated, assert_refused, assertion, present


@pytest.fixture(scope="module")
def old_key():
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture(scope="module")
def new_key():
    return RSAKey.generate_key(2048, auto_kid=True)


def publish(agency, *keys) -> str:
    return agency.serve_json("/jwks.json", {"keys": [key.as_dict(private=False) for key in keys]})


@pytest.fixture
def client(agency, make_client, old_key):
    return make_client(auth_method="private_key_jwt", jwks_uri=publish(agency, old_key))


def test_the_jwks_is_fetched_once_and_reused(http, agency, client, old_key):
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    assert agency.requests == ["/jwks.json"]


def test_the_cached_jwks_is_fetched_again_once_it_is_stale(http, app, agency, client, old_key, clock):
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    clock.advance(app.config["CLIENT_JWKS_CACHE_SECONDS"] + 1)
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    assert agency.requests == ["/jwks.json", "/jwks.json"]


def test_an_unknown_kid_after_the_client_rotates_its_key_refetches_the_jwks(http, agency, client, old_key, new_key):
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    publish(agency, new_key)  # the agency rotates: only the new key is published
    assert_authenticated(present(http, assertion(new_key, client.client_id)))
    assert agency.requests == ["/jwks.json", "/jwks.json"]


def test_unknown_kids_refetch_at_most_once_per_interval(http, app, agency, client, old_key, new_key, clock):
    assert_authenticated(present(http, assertion(old_key, client.client_id)))
    for _ in range(3):  # made-up kids: one refetch, then the cache answers
        assert_refused(present(http, assertion(new_key, client.client_id)))
    assert agency.requests == ["/jwks.json", "/jwks.json"]
    publish(agency, new_key)
    clock.advance(app.config["CLIENT_JWKS_REFETCH_SECONDS"] + 1)
    assert_authenticated(present(http, assertion(new_key, client.client_id)))
    assert len(agency.requests) == 3


def test_a_jwks_uri_resolving_to_a_private_address_is_never_fetched(http, make_client, dns, old_key):
    dns["keys.agency.example"] = ["10.20.30.40"]
    client = make_client(auth_method="private_key_jwt", jwks_uri="https://keys.agency.example/jwks.json")
    assert_refused(present(http, assertion(old_key, client.client_id)))


def test_a_jwks_uri_redirecting_to_the_metadata_service_is_refused(http, agency, make_client, old_key):
    url = agency.redirect("/jwks.json", "http://169.254.169.254/latest/meta-data/iam/")
    client = make_client(auth_method="private_key_jwt", jwks_uri=url)
    assert_refused(present(http, assertion(old_key, client.client_id)))
    assert agency.requests == ["/jwks.json"]


def test_a_jwks_uri_serving_something_else_is_invalid_client(http, agency, make_client, old_key):
    url = agency.serve_json("/jwks.json", {"keys": "not a list"})
    client = make_client(auth_method="private_key_jwt", jwks_uri=url)
    assert_refused(present(http, assertion(old_key, client.client_id)))
