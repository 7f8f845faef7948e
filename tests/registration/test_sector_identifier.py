"""sector_identifier_uri (OIDC Core 8.1, OIDC Registration §5): fetched over the
guarded fetcher at registration; it must list every redirect URI, and its host
must be within the agency's sector. A server on 127.0.0.1 stands in for it."""

import pytest

from idp.outbound import addresses
from tests.registration.conftest import register, registered
from tests.registration.test_registration import assert_metadata_error

ELSEWHERE = "https://perizinan.example/callback"


@pytest.fixture
def loopback_token(agency_token):
    """The agency's sector is where its document lives (127.0.0.1 here)."""
    return agency_token(sector="127.0.0.1").token


def test_redirect_uris_on_other_hosts_register_when_the_document_lists_them(http, agency, loopback_token):
    uri = agency.serve_json("/sector.json", [ELSEWHERE, "https://mobile.perizinan.example/cb"])
    body = registered(http, loopback_token, redirect_uris=[ELSEWHERE], sector_identifier_uri=uri)
    assert body["sector_identifier_uri"] == uri
    assert agency.requests == ["/sector.json"]


def test_a_redirect_uri_the_document_does_not_list_is_refused(http, agency, loopback_token):
    uri = agency.serve_json("/sector.json", ["https://perizinan.example/other"])
    response = register(http, loopback_token, redirect_uris=[ELSEWHERE], sector_identifier_uri=uri)
    assert_metadata_error(response, mentions=f"does not list the redirect URI {ELSEWHERE}")


def test_a_document_that_is_not_a_list_of_uris_is_refused(http, agency, loopback_token):
    uri = agency.serve_json("/sector.json", {"redirect_uris": [ELSEWHERE]})
    response = register(http, loopback_token, redirect_uris=[ELSEWHERE], sector_identifier_uri=uri)
    assert_metadata_error(response, mentions="JSON array")


def test_a_sector_identifier_uri_outside_the_agencys_sector_is_refused(http, agency, token):
    uri = agency.serve_json("/sector.json", [ELSEWHERE])
    response = register(http, token, redirect_uris=[ELSEWHERE], sector_identifier_uri=uri)
    assert_metadata_error(response, mentions="must be on permits.example")
    assert agency.requests == []


def test_a_sector_identifier_uri_over_http_is_refused(http, agency_token):
    token = agency_token(sector="perizinan.example").token
    response = register(
        http, token, redirect_uris=[ELSEWHERE], sector_identifier_uri="http://perizinan.example/sector.json"
    )
    assert_metadata_error(response, mentions="sector_identifier_uri must be https")


def test_a_sector_identifier_uri_resolving_to_a_private_address_is_never_fetched(http, agency_token, monkeypatch):
    monkeypatch.setattr(addresses, "lookup", lambda host, port: ["10.0.0.8"])
    token = agency_token(sector="perizinan.example").token
    response = register(
        http, token, redirect_uris=[ELSEWHERE], sector_identifier_uri="https://perizinan.example/sector.json"
    )
    assert_metadata_error(response, mentions="resolves to an address that may not be fetched")


def test_a_sector_identifier_uri_redirecting_to_the_metadata_service_is_refused(http, agency, loopback_token):
    uri = agency.redirect("/sector.json", "http://169.254.169.254/latest/meta-data/")
    response = register(http, loopback_token, redirect_uris=[ELSEWHERE], sector_identifier_uri=uri)
    assert_metadata_error(response, mentions="must be https")
