import pytest

from tests.backchannel.rp_server import RelyingPartyServer


@pytest.fixture
def rp():
    server = RelyingPartyServer()
    yield server
    server.close()


@pytest.fixture
def rp2():
    server = RelyingPartyServer()
    yield server
    server.close()
