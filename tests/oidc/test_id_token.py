"""ID tokens (OIDC Core 2, 3.1.3.7) and pairwise subjects (OIDC Core 8.1)."""

import pytest
from authlib.oidc.core.grants.util import create_half_hash
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen
from tests.conftest import ISSUER
from tests.oidc.flows import id_claims, id_token_of, tokens_for


def test_id_token_has_every_required_claim(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    claims = id_claims(tokens)
    assert claims["iss"] == ISSUER
    assert claims["aud"] == client.client_id
    assert claims["exp"] > claims["iat"]
    for name in ("sub", "nonce", "at_hash", "acr", "amr"):
        assert name in claims
    # Only when asked for (tests/security/test_sector_session_ids.py): they link sectors.
    assert not {"auth_time", "sid"} & set(claims)
    assert claims["acr"] == "urn:jaki:loa:1"
    assert claims["amr"] == ["sms"]
    assert claims["at_hash"] == create_half_hash(tokens["access_token"], "RS256").decode()


def test_default_alg_is_rs256_with_a_kid_in_the_jwks(http, make_client):
    token = id_token_of(tokens_for(http, make_client()))
    assert token.header["alg"] == "RS256"
    assert token.header["kid"] in {k["kid"] for k in http.get("/jwks.json").get_json()["keys"]}


@pytest.mark.parametrize("alg", ["ES256", "PS256", "EdDSA"])
def test_client_registered_alg_is_used(http, make_client, alg):
    token = id_token_of(tokens_for(http, make_client(id_token_alg=alg)))
    assert token.header["alg"] == alg
    published = {k["kid"]: k for k in http.get("/jwks.json").get_json()["keys"]}
    assert published[token.header["kid"]]["alg"] == alg


def test_sub_is_stable_for_one_client(http, make_client):
    client = make_client()
    assert id_claims(tokens_for(http, client))["sub"] == id_claims(tokens_for(http, client))["sub"]


def test_sub_differs_between_sectors(http, make_client):
    permits = make_client(sector="perizinan.jakarta.go.id")
    complaints = make_client(name="Jaklapor", sector="jaklapor.jakarta.go.id")
    assert id_claims(tokens_for(http, permits))["sub"] != id_claims(tokens_for(http, complaints))["sub"]


def test_clients_of_one_sector_share_the_sub(http, make_client):
    web = make_client(redirect_uris=["https://pajak.example/web"])
    app = make_client(name="Pajak app", redirect_uris=["https://pajak.example/app"])
    web_sub = id_claims(tokens_for(http, web, redirect_uri="https://pajak.example/web"))["sub"]
    app_sub = id_claims(tokens_for(http, app, redirect_uri="https://pajak.example/app"))["sub"]
    assert web_sub == app_sub


def test_internal_citizen_id_never_leaves_the_provider(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    citizen_id = db.session.scalar(select(Citizen.id))
    userinfo = http.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert citizen_id not in str(id_claims(tokens)) + userinfo.get_data(as_text=True)


def test_scope_claims_come_from_userinfo_not_the_id_token_oidc_core_5_4(http, make_client):
    tokens = tokens_for(http, make_client(), scope="openid profile phone")
    assert not {"name", "birthdate", "phone_number", "phone_number_verified"} & set(id_claims(tokens))
    userinfo = http.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert {"name", "birthdate", "phone_number", "phone_number_verified"} <= set(userinfo)
