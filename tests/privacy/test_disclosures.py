"""Disclosure records: every release of claims is recorded by name (never value), time and endpoint."""

import pytest
from sqlalchemy import select

from idp.clock import now
from idp.extensions import db
from idp.models import Disclosure
from idp.services import disclosures
from tests.conftest import AuthRequest
from tests.oidc.flows import full_flow, userinfo

PHONE = "081234567890"


@pytest.fixture
def citizen(make_citizen):
    return make_citizen(phone="+6281234567890", name="Siti Rahma")


def get_tokens(http, client, **extra) -> dict:
    auth = AuthRequest(client, **extra)
    return auth.token_request(http, full_flow(http, auth, PHONE)["code"]).get_json()


def recorded() -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(Disclosure).order_by(Disclosure.id))
    return [(row.client_id, row.endpoint, row.claims) for row in rows]


def test_the_id_token_is_recorded_with_the_claims_about_the_citizen(http, client, citizen, clock):
    get_tokens(http, client)

    [row] = db.session.scalars(select(Disclosure))
    assert (row.citizen_id, row.client_id, row.endpoint) == (citizen.id, client.client_id, "id_token")
    assert row.claim_names == ["acr", "amr", "sub"]  # iss, aud, iat, exp, nonce, at_hash describe the token
    assert row.disclosed_at == now()


def test_userinfo_is_recorded_with_each_claim_name__oidc_core_5_3(http, client, citizen):
    tokens = get_tokens(http, client)

    released = userinfo(http, tokens["access_token"]).get_json()

    assert recorded()[-1] == (client.client_id, "userinfo", " ".join(sorted(released)))
    assert {"name", "birthdate", "phone_number"} <= set(released)


def test_introspection_records_the_sub_it_told_the_client__rfc7662_2_2(http, client, citizen):
    tokens = get_tokens(http, client)

    http.post("/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret))

    assert recorded()[-1] == (client.client_id, "introspection", "sub")


def test_an_inactive_token_introspected_discloses_nothing(http, client, citizen):
    tokens = get_tokens(http, client)
    http.post("/revoke", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret))
    before = recorded()

    answer = http.post("/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret))

    assert answer.get_json() == {"active": False}
    assert recorded() == before


def test_a_refused_userinfo_request_discloses_nothing(http, client, citizen):
    get_tokens(http, client)
    before = recorded()

    assert userinfo(http, "not-a-token").status_code == 401
    assert recorded() == before


def test_records_hold_claim_names_never_values(http, client, citizen):
    tokens = get_tokens(http, client)
    userinfo(http, tokens["access_token"])

    stored = repr(db.session.execute(select(Disclosure.__table__)).all())
    for value in (citizen.name, citizen.phone_number, "1990-05-17", tokens["access_token"]):
        assert value not in stored


def test_what_each_service_received_is_summarised_with_the_time_of_each_claim(
    http, client, make_client, citizen, clock
):
    other = make_client(name="Pajak", redirect_uris=["https://pajak.example/cb"], scope="openid")
    tokens = get_tokens(http, client)
    signed_in = now()
    clock.advance(60)
    userinfo(http, tokens["access_token"])
    get_tokens(http, other, scope="openid", redirect_uri="https://pajak.example/cb")

    received = disclosures.received_by_service(citizen.id)

    assert set(received) == {client.client_id, other.client_id}
    assert received[client.client_id].claims["name"] == now()  # through UserInfo, a minute later
    assert received[client.client_id].claims["acr"] == signed_in  # in the ID token only
    assert received[client.client_id].last_at == now()
    assert set(received[other.client_id].claims) == {"acr", "amr", "sub"}


def test_a_failed_record_fails_the_release_rather_than_lose_it(http, client, citizen, monkeypatch):
    tokens = get_tokens(http, client)

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(disclosures, "record", broken)
    with pytest.raises(RuntimeError):
        userinfo(http, tokens["access_token"])
