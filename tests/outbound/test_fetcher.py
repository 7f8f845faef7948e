"""The one guarded outbound fetcher (SSRF: OWASP ASVS 12.6.1; checklist "DCR" and
"request_uri fetch"): https to public addresses only, loopback only in development
and tests, every address of a name checked, few redirects, size and time limits.
A server on 127.0.0.1 stands in for the agency."""

import pytest

from idp.outbound.addresses import FetchRefused, address_allowed
from idp.outbound.fetch import fetch_json
from tests.agency_server import Answer


def test_a_loopback_document_is_fetched_in_tests_and_development(agency):
    url = agency.serve_json("/jwks.json", {"keys": []})
    assert fetch_json(url) == {"keys": []}
    assert agency.host_headers == [f"127.0.0.1:{agency.port}"]


@pytest.mark.parametrize(
    "private", ["10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "fd00::1"]
)
def test_a_name_resolving_to_a_private_or_link_local_address_is_refused_before_connecting(dns, private):
    dns["keys.agency.example"] = [private]
    with pytest.raises(FetchRefused, match="resolves to an address that may not be fetched"):
        fetch_json("https://keys.agency.example/jwks.json")


def test_the_cloud_metadata_address_itself_is_refused():
    with pytest.raises(FetchRefused, match="169.254.169.254"):
        fetch_json("https://169.254.169.254/latest/meta-data/")


def test_a_name_with_one_public_and_one_private_address_is_refused_dns_rebinding(dns):
    dns["keys.agency.example"] = ["203.0.113.10", "10.0.0.5"]
    with pytest.raises(FetchRefused, match="10.0.0.5"):
        fetch_json("https://keys.agency.example/jwks.json")


def test_an_ipv4_mapped_ipv6_address_counts_as_its_ipv4_address():
    assert not address_allowed("::ffff:10.0.0.1")
    assert not address_allowed("::ffff:169.254.169.254")
    assert address_allowed("93.184.215.14")


def test_a_redirect_to_a_private_address_is_refused(agency, dns):
    dns["internal.agency.example"] = ["10.0.0.7"]
    url = agency.redirect("/jwks.json", "https://internal.agency.example/keys")
    with pytest.raises(FetchRefused, match="internal.agency.example resolves to an address"):
        fetch_json(url)


def test_a_redirect_to_the_metadata_service_over_http_is_refused(agency):
    url = agency.redirect("/jwks.json", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchRefused, match="must be https"):
        fetch_json(url)


def test_a_few_redirects_are_followed(agency):
    agency.serve_json("/3", {"ok": True})
    agency.redirect("/2", "/3")
    agency.redirect("/1", "/2")
    assert fetch_json(agency.redirect("/0", agency.url("/1"))) == {"ok": True}


def test_more_redirects_than_allowed_are_refused(agency, app):
    for hop in range(app.config["OUTBOUND_MAX_REDIRECTS"] + 1):
        agency.redirect(f"/{hop}", f"/{hop + 1}")
    agency.serve_json(f"/{app.config['OUTBOUND_MAX_REDIRECTS'] + 1}", {})
    with pytest.raises(FetchRefused, match="redirects"):
        fetch_json(agency.url("/0"))


def test_a_document_larger_than_the_limit_is_refused(agency, app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOUND_MAX_BYTES", 1000)
    url = agency.serve_json("/big.json", {"keys": ["x" * 2000]})
    with pytest.raises(FetchRefused, match="larger than 1000 bytes"):
        fetch_json(url)


def test_a_document_without_a_length_larger_than_the_limit_is_refused(agency, app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOUND_MAX_BYTES", 1000)
    agency.answers["/chunked.json"] = Answer(200, b'{"k": "' + b"x" * 5000 + b'"}', {"Content-Length": "not-a-number"})
    with pytest.raises(FetchRefused):
        fetch_json(agency.url("/chunked.json"))


def test_a_slow_server_is_given_up_on(agency, app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOUND_TIMEOUT_SECONDS", 0.3)
    agency.answers["/slow.json"] = Answer(200, b"{}", delay=1.0)
    with pytest.raises(FetchRefused, match="could not be|took too long"):
        fetch_json(agency.url("/slow.json"))


def test_an_error_status_is_refused(agency):
    agency.answers["/gone.json"] = Answer(500, b"{}")
    with pytest.raises(FetchRefused, match="HTTP 500"):
        fetch_json(agency.url("/gone.json"))


def test_a_document_that_is_not_json_is_refused(agency):
    agency.answers["/page"] = Answer(200, b"<html></html>")
    with pytest.raises(FetchRefused, match="did not return JSON"):
        fetch_json(agency.url("/page"))


def test_production_refuses_loopback_over_http_and_https(agency, env):
    url = agency.serve_json("/jwks.json", {"keys": []})
    env("production")
    with pytest.raises(FetchRefused, match="must be https"):
        fetch_json(url)
    with pytest.raises(FetchRefused, match="resolves to an address"):
        fetch_json(f"https://localhost:{agency.port}/jwks.json")
    assert agency.requests == []


@pytest.mark.parametrize(
    "url", ["ftp://agency.example/x", "https://u:p@agency.example/", "https:///x", "file:///etc/passwd"]
)
def test_other_schemes_user_info_and_missing_hosts_are_refused(url):
    with pytest.raises(FetchRefused, match="must"):
        fetch_json(url)
