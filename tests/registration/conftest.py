"""An agency with an initial access token, and its registration requests."""

from types import SimpleNamespace

import pytest

from idp.services import initial_access_tokens
from tests.agency_server import AgencyServer
from tests.conftest import REDIRECT_URI
from tests.staff.conftest import make_staff, quick_argon2  # noqa: F401  (the staff fixtures, here too)


@pytest.fixture
def agency_token():
    """An operator's token for the permits agency: sector permits.example."""

    def issue(scopes="openid profile phone", sector="permits.example", days=30):
        return initial_access_tokens.issue("Dinas Perizinan", scopes, sector, days)

    return issue


@pytest.fixture
def token(agency_token) -> str:
    return agency_token().token


def metadata(**overrides) -> dict:
    return {"client_name": "Perizinan Online", "redirect_uris": [REDIRECT_URI]} | overrides


def register(http, token, document=None, **overrides):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return http.post("/register", json=metadata(**overrides) if document is None else document, headers=headers)


def registered(http, token, **overrides) -> dict:
    response = register(http, token, **overrides)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def as_client(body: dict):
    """What AuthRequest needs of a client: its id and secret."""
    return SimpleNamespace(client_id=body["client_id"], secret=body.get("client_secret"))


@pytest.fixture
def agency():
    server = AgencyServer()
    yield server
    server.close()
