"""Delivering logout tokens (Back-Channel Logout 1.0 §2.5, §2.8): a time limit per
POST, bounded retries, failures an operator can list, and the citizen's page never
waiting on a service."""

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from idp import maintenance
from idp.clock import now
from idp.extensions import db
from idp.models import LogoutDelivery
from tests.backchannel.test_logout_tokens import LOGOUT_URI, bcl_client, end_session
from tests.backchannel.validation import validated_logout_token
from tests.oidc.flows import tokens_for


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def deliveries():
    db.session.expire_all()
    return list(db.session.scalars(select(LogoutDelivery).order_by(LogoutDelivery.id)))


def signed_out_at(http, make_client, rp):
    client = bcl_client(make_client, rp)
    end_session(http, tokens_for(http, client)["id_token"])
    return client


def test_a_delivered_token_is_recorded(http, make_client, rp):
    signed_out_at(http, make_client, rp)
    [row] = deliveries()
    assert row.delivered_at is not None and row.attempts == 1 and row.failed_at is None


def test_a_5xx_is_retried_later_with_a_growing_wait(http, make_client, rp, clock, cli):
    rp.status = 503
    signed_out_at(http, make_client, rp)
    [row] = deliveries()
    assert row.delivered_at is None and row.failed_at is None and row.attempts == 1
    assert "HTTP 503" in row.last_error
    first_wait = row.next_attempt_at - now()
    assert cli("backchannel", "deliver").output.strip() == "0 delivered"  # not due yet
    clock.advance(first_wait.total_seconds() + 1)
    cli("backchannel", "deliver")
    [row] = deliveries()
    assert row.attempts == 2 and row.next_attempt_at - now() > first_wait
    rp.status = 200
    clock.advance((row.next_attempt_at - now()).total_seconds() + 1)
    assert cli("backchannel", "deliver").output.strip() == "1 delivered"
    assert len(rp.received) == 3


def test_retries_are_bounded_and_the_failure_is_listed(http, app, make_client, rp, clock, cli):
    rp.status = 500
    client = signed_out_at(http, make_client, rp)
    for _attempt in range(app.config["BACKCHANNEL_LOGOUT_MAX_ATTEMPTS"]):
        clock.advance(24 * 3600)
        cli("backchannel", "deliver")
    [row] = deliveries()
    assert row.failed_at is not None and row.attempts == app.config["BACKCHANNEL_LOGOUT_MAX_ATTEMPTS"]
    assert len(rp.received) == row.attempts
    listed = json.loads(cli("backchannel", "failures", "--json").output)
    assert listed[0]["client_id"] == client.client_id and "HTTP 500" in listed[0]["last_error"]


def test_a_refusal_by_the_client_is_not_retried__section_2_8(http, make_client, rp, cli):
    rp.status = 400
    signed_out_at(http, make_client, rp)
    [row] = deliveries()
    assert row.failed_at is not None and row.attempts == 1
    assert "answered HTTP 400" in cli("backchannel", "failures").output


def test_a_slow_client_is_cut_off_at_its_time_limit(http, app, make_client, rp, monkeypatch):
    monkeypatch.setitem(app.config, "BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS", 1)
    rp.delay = 3
    started = time.monotonic()
    signed_out_at(http, make_client, rp)
    assert time.monotonic() - started < 2.5
    [row] = deliveries()
    assert row.delivered_at is None and row.failed_at is None  # retried later
    assert "could not be reached" in row.last_error


def test_a_loopback_uri_registered_in_development_is_never_posted_to_in_production(
    http, app, make_client, rp, monkeypatch
):
    client = bcl_client(make_client, rp)  # http://127.0.0.1: allowed in development only
    tokens = tokens_for(http, client)
    monkeypatch.setitem(app.config, "ENV", "production")
    end_session(http, tokens["id_token"])
    [row] = deliveries()
    assert row.failed_at is not None and "not posted" in row.last_error
    assert rp.received == []


def test_a_uri_whose_name_resolves_to_a_private_address_is_never_posted_to(http, make_client, monkeypatch):
    """The logout POST goes through the guarded outbound connection: an agency cannot
    aim it at the internal network (the same rule as jwks_uri fetches)."""
    from idp.outbound import addresses

    monkeypatch.setattr(addresses, "lookup", lambda host, port: ["10.0.0.7"])
    client = make_client(
        backchannel_logout_uri="https://intranet.example/logout", post_logout_redirect_uris=[LOGOUT_URI]
    )
    end_session(http, tokens_for(http, client)["id_token"])
    [row] = deliveries()
    assert row.failed_at is not None and row.attempts == 1  # refused for good, not retried
    assert "not posted" in row.last_error and "10.0.0.7" in row.last_error


def test_a_disabled_client_gets_no_token(http, make_client, rp, cli):
    client = bcl_client(make_client, rp)
    tokens = tokens_for(http, client)
    cli("clients", "disable", client.client_id)
    end_session(http, tokens["id_token"])
    assert rp.received == []


def test_a_delivery_left_behind_by_a_stopped_worker_is_due_again(http, make_client, rp, clock, cli):
    """A worker that died mid-attempt leaves the row claimed; after the claim's lease any
    worker (its courier thread, or `flask backchannel deliver`) sends it."""
    rp.status = 503
    signed_out_at(http, make_client, rp)
    rp.status = 200
    [row] = deliveries()
    db.session.execute(
        update(LogoutDelivery).where(LogoutDelivery.id == row.id).values(next_attempt_at=now() + timedelta(seconds=40))
    )
    db.session.commit()
    clock.advance(41)
    assert cli("backchannel", "deliver").output.strip() == "1 delivered"


def test_the_citizens_page_does_not_wait_for_the_client(http, app, make_client, rp, monkeypatch):
    """In production the courier thread delivers after the response is ready."""
    monkeypatch.setitem(app.config, "BACKCHANNEL_LOGOUT_IN_BACKGROUND", True)
    client = bcl_client(make_client, rp)
    tokens = tokens_for(http, client)
    rp.delay = 1.5
    courier = app.extensions["logout_courier"]
    try:
        started = time.monotonic()
        assert end_session(http, tokens["id_token"]).status_code == 303
        assert time.monotonic() - started < 1.0
        assert rp.arrived.wait(10)
        time.sleep(rp.delay + 0.5)  # the courier records the answer
    finally:
        courier.stop()
    validated_logout_token(http, rp.tokens[0], client.client_id)
    [row] = deliveries()
    assert row.delivered_at is not None


def test_purge_forgets_finished_deliveries_after_the_session_retention(http, app, make_client, rp, clock):
    rp.status = 503
    signed_out_at(http, make_client, rp)  # pending: retried later
    rp.status = 200
    signed_out_at(http, make_client, rp)  # delivered
    clock.advance(app.config["ENDED_SESSION_RETENTION_SECONDS"] + 1)
    assert maintenance.purge()["logout_deliveries"] == 1
    [row] = deliveries()
    assert row.delivered_at is None  # still owed: it is tried again, never dropped
