"""`flask purge`: expired rows go, live ones stay."""

from sqlalchemy import func, select, update

from idp.clock import now
from idp.extensions import db
from idp.models import AuthorizationCode, BrowserSession, Interaction, OtpChallenge
from tests.conftest import AuthRequest, sign_in
from tests.oidc.flows import PHONE, full_flow


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def purge(app):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_live_rows_survive_a_purge(http, app, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    AuthRequest(client, prompt="login").start(http)  # a paused interaction
    purge(app)
    assert count(Interaction) == 1 and count(AuthorizationCode) == 1
    assert count(OtpChallenge) == 1 and count(BrowserSession) == 1


def test_expired_rows_are_deleted(http, app, make_client, clock):
    client = make_client()
    full_flow(http, AuthRequest(client))
    AuthRequest(client, prompt="login").start(http)
    clock.advance(2 * 24 * 3600)
    output = purge(app)
    assert "interactions: 1 deleted" in output
    assert count(Interaction) == 0 and count(AuthorizationCode) == 0 and count(OtpChallenge) == 0
    assert count(BrowserSession) == 1  # still within its lifetime


def test_ended_sessions_are_kept_for_the_retention_period(http, app, clock):
    sign_in(http, PHONE)
    db.session.execute(update(BrowserSession).values(ended_at=now()))
    db.session.commit()
    purge(app)
    assert count(BrowserSession) == 1
    clock.advance(app.config["ENDED_SESSION_RETENTION_SECONDS"] + 3600)
    purge(app)
    assert count(BrowserSession) == 0
