"""Fixtures for the agency services' tests: a fake JAKI ID and a service app per test."""

import pytest

from demo.serve import load_service, prepare_database
from tests.clients.fake_jaki import FakeJaki

SERVICE_URL = "http://localhost"  # where Flask's test client sends requests


@pytest.fixture(autouse=True)
def ctx():
    """No provider app context: the services reach JAKI ID over HTTP only."""
    yield


@pytest.fixture(scope="session")
def running_fake_jaki():
    provider = FakeJaki().start()
    yield provider
    provider.stop()


@pytest.fixture
def jaki(running_fake_jaki):
    running_fake_jaki.reset()
    return running_fake_jaki


@pytest.fixture
def make_app(jaki, tmp_path):
    """Build one service's app, registered at the fake JAKI ID, with its demo data."""

    def make(service_name, **config):
        service_module = load_service(service_name)
        client = jaki.register_client(SERVICE_URL, service_module.SERVICE.sector)
        app = service_module.create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "JAKI_ISSUER": jaki.issuer,
                "JAKI_CLIENT_ID": client.client_id,
                "JAKI_CLIENT_SECRET": client.client_secret,
                "SERVICE_URL": SERVICE_URL,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / service_name}.db",
                **config,
            }
        )
        prepare_database(service_module, app)
        return app

    return make
