"""Protected services (complainants): only `openid` and a pairwise `sub`, whatever they ask for."""

import json

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Client, Consent, ConsentEvent, Disclosure, Token
from tests.conftest import AuthRequest, sign_in
from tests.oidc.flows import full_flow, id_token_of, userinfo

PHONE = "081234567890"
NIK = "3171015705900001"
EVERYTHING = "openid profile phone"


@pytest.fixture
def complaints(make_client):
    return make_client(
        name="Jaklapor",
        redirect_uris=["https://jaklapor.example/callback"],
        sector="jaklapor.jakarta.go.id",
        protected=True,
    )


@pytest.fixture
def permits(make_client):
    return make_client(name="Perizinan", redirect_uris=["https://permits.example/callback"], sector="perizinan")


def everything_received(http, client, **extra) -> dict:
    """All a service receives about one sign-in: the token response, the ID token
    (header and claims), UserInfo and introspection of its access token."""
    auth = AuthRequest(client, scope=EVERYTHING, redirect_uri=client.redirect_uris[0], **extra)
    tokens = auth.token_request(http, full_flow(http, auth, PHONE)["code"]).get_json()
    token = id_token_of(tokens)
    introspection = http.post(
        "/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret)
    ).get_json()
    return {
        "token_response": tokens,
        "id_token_header": dict(token.header),
        "id_token": token.claims,
        "userinfo": userinfo(http, tokens["access_token"]).get_json(),
        "introspection": introspection,
    }


def test_a_protected_client_is_granted_openid_alone_whatever_it_asks_for(http, complaints):
    received = everything_received(http, complaints)

    assert received["token_response"]["scope"] == "openid"
    assert received["userinfo"] == {"sub": received["id_token"]["sub"]}
    assert received["introspection"]["scope"] == "openid"


def test_a_protected_client_never_gets_auth_time_even_with_max_age__oidc_core_2(http, complaints):
    received = everything_received(http, complaints, max_age="3600")

    assert "auth_time" not in received["id_token"]


def test_the_consent_page_says_the_service_is_protected(http, complaints, make_citizen):
    make_citizen(phone="+6281234567890")
    auth = AuthRequest(complaints, scope=EVERYTHING, redirect_uri=complaints.redirect_uris[0], ui_locales="en")
    response = sign_in(http, PHONE, auth.start(http).location)
    while "/consent" not in response.location:
        response = http.get(response.location)

    page = http.get(response.location).get_data(as_text=True)

    assert "Jaklapor is a protected service" in page
    assert "never your name, phone number or NIK" in page
    assert "Your name, date of birth and gender" not in page


def _values(tree) -> set[str]:
    """Every leaf value, as text (lists and objects flattened)."""
    if isinstance(tree, dict):
        return set().union(*(_values(v) for v in tree.values())) if tree else set()
    if isinstance(tree, list):
        return set().union(*(_values(v) for v in tree)) if tree else set()
    return {json.dumps(tree)}


# What every service receives alike, so it links no one: the issuer, the signing key,
# the protocol's words, the assurance level, and the moment of the request itself.
PUBLIC = {"iss", "kid", "alg", "typ", "token_type", "acr", "amr", "active", "iat", "exp", "expires_in", "scope"}


def _linkable(received: dict) -> set[str]:
    def strip(tree):
        if isinstance(tree, dict):
            return {k: strip(v) for k, v in tree.items() if k not in PUBLIC}
        return tree

    return _values(strip(received))


def test_two_services_in_different_sectors_share_no_identifier_or_claim__oidc_core_8(
    http, complaints, permits, make_citizen
):
    citizen = make_citizen(phone="+6281234567890", name="Siti Rahma")

    at_permits = everything_received(http, permits, max_age="3600")
    at_complaints = everything_received(http, complaints, max_age="3600")

    assert at_permits["userinfo"]["name"] == "Siti Rahma"  # the ordinary service reads the profile
    assert _linkable(at_permits) & _linkable(at_complaints) == set()
    assert at_permits["id_token"]["sub"] != at_complaints["id_token"]["sub"]
    for personal in (citizen.name, citizen.phone_number, citizen.id, citizen.birthdate.isoformat(), NIK):
        assert personal not in json.dumps(at_complaints)


def test_what_the_provider_records_for_a_protected_service_names_no_personal_claim(http, complaints):
    everything_received(http, complaints)

    [consent] = db.session.scalars(select(Consent).where(Consent.client_id == complaints.client_id))
    granted = db.session.scalars(select(ConsentEvent.scope).where(ConsentEvent.consent_id == consent.id))
    scopes = set(granted) | set(db.session.scalars(select(Token.scope)))
    assert scopes == {"openid"}
    released = {name for row in db.session.scalars(select(Disclosure)) for name in row.claim_names}
    assert released == {"sub", "acr", "amr"}


def test_clients_create_protected_registers_a_protected_client(app):
    result = app.test_cli_runner().invoke(
        args=[
            "clients",
            "create",
            "--name",
            "Jaklapor",
            "--redirect-uri",
            "https://jl.example/cb",
            "--protected",
            "--scope",
            "openid",
            "--json",
        ]
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["protected"] is True
    assert db.session.scalar(select(Client.protected)) is True


def test_an_ordinary_client_still_gets_the_profile_it_was_granted(http, permits):
    received = everything_received(http, permits)

    assert received["token_response"]["scope"] == EVERYTHING
    assert {"name", "phone_number"} <= set(received["userinfo"])
