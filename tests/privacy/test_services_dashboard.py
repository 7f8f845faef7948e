"""/account/services: what each service may read, what it actually received and when,
and withdrawal with a confirmation step that kills the service's tokens at once."""

from datetime import UTC, datetime

from sqlalchemy import select

from idp.extensions import db
from idp.models import Consent, ConsentEvent
from tests.conftest import post_form, sign_in
from tests.oidc.flows import tokens_for, userinfo


def page(http, url="/account/services") -> str:
    response = http.get(url, query_string={"ui_locales": "en"})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def consent_id() -> int:
    return db.session.scalar(select(Consent.id))


def test_it_shows_what_a_service_may_read_and_what_it_received(http, client, clock):
    tokens_for(http, client)

    shown = page(http)

    assert "Perizinan" in shown and "Your name, date of birth and gender" in shown
    assert "An identifier for you at this service" in shown and "How you signed in" in shown
    assert "Name" not in shown.split("Actually received")[1]  # the ID token carries no profile claims


def test_what_userinfo_released_appears_with_its_time_in_jakarta(http, client, clock):
    clock.set(datetime(2027, 1, 5, 7, 0, tzinfo=UTC).timestamp())  # 14.00 in Jakarta (UTC+7)
    tokens = tokens_for(http, client)
    userinfo(http, tokens["access_token"])

    received = page(http).split("Actually received")[1]

    assert "Name" in received and "Phone number" in received
    assert "January 5, 2027, 2:00\u202fPM WIB:" in received  # the same time format as every account page


def test_withdrawing_asks_for_confirmation_first(http, client):
    tokens = tokens_for(http, client)

    confirmation = page(http, f"/account/services/{consent_id()}/withdraw")

    assert "Withdraw consent for Perizinan?" in confirmation
    assert "loses access at once" in confirmation
    assert userinfo(http, tokens["access_token"]).status_code == 200  # nothing happened yet


def test_withdrawal_kills_the_tokens_at_once_and_says_what_happened(http, client):
    tokens = tokens_for(http, client)

    response = post_form(http, f"/account/services/{consent_id()}/revoke", {})

    assert response.status_code == 303 and response.location.endswith("/withdrawn")
    assert "Perizinan lost access on" in page(http, response.location)
    assert userinfo(http, tokens["access_token"]).status_code == 401
    introspection = http.post(
        "/introspect", data={"token": tokens["refresh_token"]}, auth=(client.client_id, client.secret)
    )
    assert introspection.get_json() == {"active": False}
    newest = db.session.scalar(select(ConsentEvent).order_by(ConsentEvent.id.desc()).limit(1))
    assert (newest.kind, newest.actor) == ("withdrawn", "citizen")  # recorded


def test_a_withdrawn_service_stays_listed_with_what_it_received(http, client):
    tokens_for(http, client)
    post_form(http, f"/account/services/{consent_id()}/revoke", {})

    shown = page(http)

    assert "Consent withdrawn or expired on" in shown
    assert "An identifier for you at this service" in shown
    assert "/withdraw" not in shown


def test_another_citizens_consent_cannot_be_seen_or_withdrawn(http, app, client):
    tokens_for(app.test_client(), client, phone="081111111111")
    sign_in(http, "082222222222")

    assert http.get(f"/account/services/{consent_id()}/withdraw").status_code == 404
    assert http.get(f"/account/services/{consent_id()}/withdrawn").status_code == 404
    assert post_form(http, f"/account/services/{consent_id()}/revoke", {}).status_code == 404
