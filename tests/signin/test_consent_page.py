"""The consent page (OIDC Core 3.1.2.4): the service, each scope with its purpose, sensitive
ones highlighted, optional ones uncheckable; the tokens carry exactly what was allowed."""

import re

from sqlalchemy import select

from idp.extensions import db
from idp.models import ConsentEvent
from tests.conftest import AuthRequest, post_form, sign_in
from tests.encryption_keys import encrypted_responses, userinfo_claims
from tests.oidc.flows import PHONE, assert_oauth_error, refresh, userinfo

PURPOSES = {
    "profile": "To fill in your vaccination record",
    "phone": "To remind you of your appointment",
    "nik": "To register your vaccination nationally",
}
SCOPE = "openid profile phone nik"


def vaccination(make_client):
    # Allowed the NIK, so it receives its tokens encrypted (idp/protocol/sensitive_scopes.py).
    return make_client(name="Vaksinasi", scope=SCOPE, purposes=PURPOSES, **encrypted_responses())


def consent_page(http, auth):
    response = auth.start(http)
    if "/signin" in response.location:
        response = http.get(sign_in(http, PHONE, response.location).location)
    assert "/consent" in response.location
    return response.location, http.get(response.location).get_data(as_text=True)


def allow(http, auth, ticked):
    location, _ = consent_page(http, auth)
    response = post_form(http, location, {"decision": "allow", "offered": "profile phone nik", "scope": ticked})
    code = auth.result(auth.follow_to_client(http, response))["code"]
    return auth.token_request(http, code).get_json()


def test_the_page_names_the_service_and_each_scope_with_its_purpose(http, make_client):
    _, page = consent_page(http, AuthRequest(vaccination(make_client), scope=SCOPE, ui_locales="en"))
    assert "Share with Vaksinasi?" in page
    for purpose in PURPOSES.values():
        assert purpose in page
    assert "Your national identity number (NIK)" in page


def test_a_purpose_written_in_english_too_is_shown_on_the_english_page(http, make_client):
    purposes = PURPOSES | {"nik": "Untuk mencatat vaksinasi Anda", "nik:en": "To record your vaccination"}
    client = make_client(name="Vaksinasi", scope=SCOPE, purposes=purposes, **encrypted_responses())
    _, page = consent_page(http, AuthRequest(client, scope=SCOPE, ui_locales="en"))
    assert "To record your vaccination" in page and "Untuk mencatat" not in page
    _, page = consent_page(http, AuthRequest(client, scope=SCOPE, ui_locales="id", prompt="consent"))
    assert "Untuk mencatat vaksinasi Anda" in page


def test_the_sensitive_scope_is_highlighted(http, make_client):
    _, page = consent_page(http, AuthRequest(vaccination(make_client), scope=SCOPE, ui_locales="en"))
    sensitive = re.findall(r'<li class="scope sensitive">(.*?)</li>', page, re.S)
    assert len(sensitive) == 1 and 'value="nik"' in sensitive[0] and "Sensitive data" in sensitive[0]


def test_optional_scopes_have_a_ticked_box_and_openid_has_none(http, make_client):
    _, page = consent_page(http, AuthRequest(vaccination(make_client), scope=SCOPE, ui_locales="en"))
    boxes = re.findall(r'<input type="checkbox" name="scope" value="(\w+)" checked', page)
    assert boxes == ["profile", "phone", "nik"]
    assert "Always shared" in page


def test_the_page_is_in_indonesian_by_default(http, make_client):
    _, page = consent_page(http, AuthRequest(vaccination(make_client), scope=SCOPE))
    assert "Bagikan ke Vaksinasi?" in page and "Data sensitif" in page and "Tujuan:" in page


def test_unticked_scopes_are_neither_in_the_token_nor_released(http, make_client):
    client = vaccination(make_client)
    tokens = allow(http, AuthRequest(client, scope=SCOPE), ticked=["profile"])
    assert tokens["scope"] == "openid profile"
    claims = userinfo_claims(userinfo(http, tokens["access_token"]))
    assert "name" in claims and "phone_number" not in claims
    event = db.session.scalar(select(ConsentEvent))
    assert (event.scope, event.declined) == ("openid profile", "phone nik")


def test_openid_cannot_be_unticked(http, make_client):
    client = vaccination(make_client)
    location, _ = consent_page(http, AuthRequest(client, scope=SCOPE))
    post_form(http, location, {"decision": "allow", "offered": "openid profile phone nik", "scope": []})
    assert db.session.scalar(select(ConsentEvent.scope)) == "openid"


def test_an_answer_stands_the_next_time_the_same_is_asked(http, make_client):
    client = vaccination(make_client)
    allow(http, AuthRequest(client, scope=SCOPE), ticked=["profile", "phone"])
    auth = AuthRequest(client, scope=SCOPE, prompt="none")
    code = auth.result(auth.start(http))["code"]
    assert auth.token_request(http, code).get_json()["scope"] == "openid profile phone"


def test_asked_again_an_unticked_scope_starts_unticked_and_can_be_ticked(http, make_client):
    client = vaccination(make_client)
    allow(http, AuthRequest(client, scope=SCOPE), ticked=["profile"])
    location, page = consent_page(http, AuthRequest(client, scope=SCOPE, prompt="consent"))
    assert re.findall(r'value="(\w+)" checked', page) == ["profile"]
    tokens = allow(http, AuthRequest(client, scope=SCOPE, prompt="consent"), ticked=["profile", "phone", "nik"])
    assert tokens["scope"] == "openid profile phone nik"
    assert list(db.session.scalars(select(ConsentEvent.kind).order_by(ConsentEvent.id))) == ["granted", "widened"]


def test_narrowing_ends_the_tokens_issued_for_more(http, make_client):
    client = vaccination(make_client)
    wide = allow(http, AuthRequest(client, scope=SCOPE), ticked=["profile", "phone", "nik"])
    allow(http, AuthRequest(client, scope=SCOPE, prompt="consent"), ticked=["profile"])
    assert userinfo(http, wide["access_token"]).status_code == 401
    assert_oauth_error(refresh(http, client, wide["refresh_token"]), "invalid_grant")
