"""Fixtures shared by the protocol tests."""

import pytest


@pytest.fixture
def client(make_client):
    return make_client()
