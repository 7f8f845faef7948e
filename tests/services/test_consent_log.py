"""The consent log: every change an immutable event; the current consent derived from it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from idp.clock import now
from idp.extensions import db
from idp.models import ConsentActor, ConsentEvent
from idp.services import consents
from tests.conftest import AuthRequest, post_form
from tests.oidc.flows import full_flow


def log_of(citizen_id, client_id):
    consent = consents.find(citizen_id, client_id)
    return [(e.kind, e.actor, e.scope) for e in consents.history(consent.id)]


def test_allow_records_a_granted_event_with_scopes_language_and_period(http, make_client, clock):
    client = make_client(scope="openid profile phone")
    full_flow(http, AuthRequest(client, scope="openid profile", ui_locales="en"))
    event = db.session.scalar(select(ConsentEvent))
    assert (event.kind, event.actor, event.scope, event.language) == ("granted", "citizen", "openid profile", "en")
    assert event.expires_at == event.occurred_at + timedelta(days=365)


def test_the_purposes_shown_and_their_version_are_recorded(http, make_client):
    purposes = {"profile": "To fill in your permit", "phone": "To text you about it"}
    client = make_client(scope="openid profile phone", purposes=purposes)
    full_flow(http, AuthRequest(client, scope="openid profile"))
    event = db.session.scalar(select(ConsentEvent))
    assert event.purposes == {"profile": "To fill in your permit"}
    assert event.purpose_version == 1


def test_asking_for_more_widens_and_keeps_the_earlier_event(make_citizen, make_client):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid profile")
    consents.record(citizen.id, client.client_id, "openid phone")
    assert log_of(citizen.id, client.client_id) == [
        ("granted", "citizen", "openid profile"),
        ("widened", "citizen", "openid profile phone"),
    ]


def test_a_scope_left_unticked_narrows(make_citizen, make_client):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid profile phone")
    consents.record(citizen.id, client.client_id, "openid profile", declined="phone")
    current = consents.find(citizen.id, client.client_id)
    assert (current.status, current.scope, current.declined) == ("narrowed", "openid profile", "phone")


def test_the_same_scopes_again_renew_the_period(make_citizen, make_client, clock):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid profile")
    clock.advance(100 * 24 * 3600)
    renewed = consents.record(citizen.id, client.client_id, "openid profile")
    assert renewed.status == "renewed"
    assert renewed.expires_at == now() + timedelta(days=365)


def test_withdrawal_by_the_citizen_is_an_event_and_ends_the_consent(http, make_client):
    client = make_client()
    full_flow(http, AuthRequest(client))
    consent = db.session.scalar(select(ConsentEvent)).consent_id
    http.get("/account/services")
    post_form(http, f"/account/services/{consent}/revoke", {})
    kinds = [(e.kind, e.actor) for e in consents.history(consent)]
    assert kinds == [("granted", "citizen"), ("withdrawn", "citizen")]


@pytest.mark.parametrize("actor", [ConsentActor.OPERATOR, ConsentActor.ACCOUNT_CLOSURE])
def test_withdrawal_records_who_withdrew(make_citizen, make_client, actor):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid")
    consents.withdraw_all(citizen.id, by=actor)
    assert log_of(citizen.id, client.client_id)[-1] == ("withdrawn", actor, "")
    assert not consents.covers(citizen.id, client.client_id, "openid")


def test_withdrawing_twice_adds_no_second_event(make_citizen, make_client):
    citizen, client = make_citizen(), make_client()
    consent = consents.record(citizen.id, client.client_id, "openid")
    consents.withdraw(citizen.id, consent.id)
    consents.withdraw(citizen.id, consent.id)
    assert [kind for kind, _, _ in log_of(citizen.id, client.client_id)] == ["granted", "withdrawn"]


def test_giving_consent_again_after_withdrawal_is_a_new_grant_of_only_what_is_asked(make_citizen, make_client):
    citizen, client = make_citizen(), make_client()
    consent = consents.record(citizen.id, client.client_id, "openid profile phone")
    consents.withdraw(citizen.id, consent.id)
    again = consents.record(citizen.id, client.client_id, "openid")
    assert (again.status, again.scope) == ("granted", "openid")


def test_events_cannot_be_changed(make_citizen, make_client):
    citizen, client = make_citizen(), make_client()
    consents.record(citizen.id, client.client_id, "openid")
    event = db.session.scalar(select(ConsentEvent))
    event.scope = "openid profile phone"
    with pytest.raises(ValueError, match="immutable"):
        db.session.commit()
    db.session.rollback()
