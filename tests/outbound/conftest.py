import pytest

from idp.outbound import addresses
from tests.agency_server import AgencyServer


@pytest.fixture
def agency():
    server = AgencyServer()
    yield server
    server.close()


@pytest.fixture
def dns(monkeypatch):
    """Names the tests make up, resolving where a test says (the one DNS lookup)."""
    names: dict[str, list[str]] = {}
    real_lookup = addresses.lookup

    def lookup(host, port):
        return names[host] if host in names else real_lookup(host, port)

    monkeypatch.setattr(addresses, "lookup", lookup)
    return names


@pytest.fixture
def env(app, monkeypatch):
    def set_env(name):
        monkeypatch.setitem(app.config, "ENV", name)

    return set_env
