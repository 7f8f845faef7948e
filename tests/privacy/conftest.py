"""Fixtures shared by the privacy tests."""

import pytest


@pytest.fixture
def client(make_client):
    return make_client()
