"""Storage stays bounded: after a load of sign-ins and time passing, `flask purge`
leaves only live rows, in batches, and a refresh family outlives its first row."""

import time

import pytest
from sqlalchemy import func, select, text

from idp.extensions import db
from idp.maintenance import expired_rows, purge
from idp.models import AuthorizationCode, BrowserSession, Interaction, OtpChallenge, Token
from tests.conftest import AuthRequest
from tests.oidc.flows import full_flow, refresh

DAY = 24 * 3600
TABLES = (Token, Interaction, AuthorizationCode, OtpChallenge, BrowserSession)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def sign_ins(app, client, how_many: int, first: int) -> list[dict]:
    """Citizens signing in on their own browsers: tokens, a refresh, a sign-in left half-way."""
    issued = []
    for number in range(first, first + how_many):
        browser = app.test_client()
        auth = AuthRequest(client)
        tokens = auth.token_request(browser, full_flow(browser, auth, phone=f"+628123{number:07d}")["code"]).get_json()
        issued.append(refresh(browser, client, tokens["refresh_token"]).get_json())
        AuthRequest(client, prompt="login").start(browser)  # a paused sign-in
    return issued


def test_a_load_of_sign_ins_then_a_purge_leaves_only_live_rows(app, make_client, clock):
    client = make_client()
    sign_ins(app, client, 12, first=0)
    lifetime = app.config["SESSION_ABSOLUTE_TTL_SECONDS"] + app.config["ENDED_SESSION_RETENTION_SECONDS"]
    clock.advance(max(lifetime, app.config["REFRESH_TOKEN_TTL_SECONDS"]) + 2 * DAY)
    live = sign_ins(app, client, 3, first=100)

    counts = purge(batch_size=5)

    assert counts["tokens"] == 24 and counts["interactions"] == 12 and counts["browser_sessions"] == 12
    assert {model: count(model) for model in TABLES} == {
        Token: 6,  # the live citizens' pair and its refresh
        Interaction: 3,
        AuthorizationCode: 3,
        OtpChallenge: 3,
        BrowserSession: 3,
    }
    for name, (key, condition) in expired_rows().items():
        assert db.session.scalar(select(func.count()).select_from(key.class_).where(condition)) == 0, name
    for tokens in live:  # the live ones still work
        assert refresh(app.test_client(), client, tokens["refresh_token"]).status_code == 200


def test_a_refresh_family_keeps_its_granted_scope_after_its_first_row_is_purged_rfc6749_6(
    app, http, make_client, clock
):
    client = make_client()
    auth = AuthRequest(client, scope="openid profile phone")
    first = auth.token_request(http, full_flow(http, auth)["code"]).get_json()
    clock.advance(20 * DAY)
    narrowed = refresh(http, client, first["refresh_token"], scope="openid").get_json()
    assert narrowed["scope"] == "openid"
    clock.advance(app.config["REFRESH_TOKEN_TTL_SECONDS"] - 20 * DAY + 2 * DAY)  # the first row's refresh expired

    assert purge()["tokens"] == 1
    widened = refresh(http, client, narrowed["refresh_token"])  # RFC 6749 §6: omitted = as originally granted
    assert widened.status_code == 200, widened.get_json()
    assert set(widened.get_json()["scope"].split()) == {"openid", "profile", "phone"}


def test_purge_deletes_in_batches_until_nothing_is_left(app, make_client, clock):
    client = make_client()
    for _ in range(7):
        AuthRequest(client).start(app.test_client())
    clock.advance(app.config["INTERACTION_TTL_SECONDS"] + 1)
    assert purge(batch_size=2)["interactions"] == 7
    assert count(Interaction) == 0


def test_the_purge_command_takes_a_batch_size(app, make_client, clock):
    AuthRequest(make_client()).start(app.test_client())
    clock.advance(app.config["INTERACTION_TTL_SECONDS"] + 1)
    result = app.test_cli_runner().invoke(args=["purge", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "interactions: 1 deleted" in result.output


def test_purge_skips_a_row_another_transaction_holds_instead_of_waiting(app, make_client, clock):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite in the tests has a single shared connection")
    client = make_client()
    for _ in range(3):
        AuthRequest(client).start(app.test_client())
    clock.advance(app.config["INTERACTION_TTL_SECONDS"] + 1)
    held = db.session.scalar(select(Interaction.id).limit(1))
    db.session.rollback()
    with db.engine.connect() as other:
        other.execute(text("SELECT id FROM interaction WHERE id = :id FOR UPDATE"), {"id": held})
        started = time.monotonic()
        deleted = purge()["interactions"]
        assert time.monotonic() - started < 5
        other.rollback()
    assert deleted == 2
    assert purge()["interactions"] == 1  # the next run takes it
