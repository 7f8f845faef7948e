"""A consent lapses after CONSENT_TTL_SECONDS (365 days by default) and is asked again."""

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import ConsentEvent, Token
from idp.services import consents
from tests.conftest import AuthRequest, consent_allow
from tests.oidc.flows import PHONE, assert_oauth_error, full_flow, refresh, tokens_for

YEAR = 365 * 24 * 3600


@pytest.fixture(autouse=True)
def long_sessions(app, monkeypatch):
    """Sessions that outlive the consent, so what these tests see is the consent's expiry."""
    monkeypatch.setitem(app.config, "SESSION_IDLE_TIMEOUT_SECONDS", 2 * YEAR)
    monkeypatch.setitem(app.config, "SESSION_ABSOLUTE_TTL_SECONDS", 2 * YEAR)
    monkeypatch.setitem(app.config, "REFRESH_TOKEN_TTL_SECONDS", 2 * YEAR)


def kinds():
    return list(db.session.scalars(select(ConsentEvent.kind).order_by(ConsentEvent.id)))


def live_tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(Token).where(Token.revoked_at.is_(None)))


def test_within_the_period_the_consent_is_not_asked_again(http, make_client, clock):
    client = make_client()
    full_flow(http, AuthRequest(client))
    clock.advance(YEAR - 60)
    response = AuthRequest(client).start(http)
    assert "/consent" not in response.location


def test_after_the_period_the_consent_is_asked_again_and_the_expiry_is_logged(http, make_client, clock):
    client = make_client()
    full_flow(http, AuthRequest(client))
    clock.advance(YEAR)
    response = AuthRequest(client).start(http)
    assert "/consent" in response.location
    consent_allow(http, response)
    assert kinds() == ["granted", "expired", "granted"]


def test_prompt_none_after_the_period_is_consent_required(http, make_client, clock):
    client = make_client()
    full_flow(http, AuthRequest(client))
    clock.advance(YEAR)
    auth = AuthRequest(client, prompt="none")
    assert auth.result(auth.start(http))["error"] == "consent_required"


def test_the_period_is_configurable(http, app, make_client, clock, monkeypatch):
    monkeypatch.setitem(app.config, "CONSENT_TTL_SECONDS", 3600)
    client = make_client()
    full_flow(http, AuthRequest(client))
    clock.advance(3600)
    assert "/consent" in AuthRequest(client).start(http).location


def test_an_expired_consent_refreshes_no_tokens(http, make_client, clock):
    client = make_client()
    tokens = tokens_for(http, client)
    clock.advance(YEAR - 60)
    tokens = refresh(http, client, tokens["refresh_token"]).get_json()
    clock.advance(60)
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def test_purge_logs_lapsed_consents_and_ends_their_tokens(http, app, make_client, clock):
    client = make_client()
    tokens_for(http, client, phone=PHONE)
    clock.advance(YEAR)
    output = app.test_cli_runner().invoke(args=["purge"]).output
    assert "consents: 1 expired" in output
    assert kinds() == ["granted", "expired"]
    assert live_tokens() == 0
    # Run again: nothing more to write down.
    assert "consents: 0 expired" in app.test_cli_runner().invoke(args=["purge"]).output


def test_an_expired_consent_is_not_among_the_services_granted(make_citizen, make_client, clock):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid")
    clock.advance(YEAR)
    assert consents.granted(citizen.id) == []
    assert consents.all_of(citizen.id)[0].status == "expired"
