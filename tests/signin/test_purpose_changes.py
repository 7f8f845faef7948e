"""A service's purposes change (`flask clients update --purpose`): its purpose_version rises and
a citizen who agreed to an older version is asked again (UU PDP 27/2022 art. 22: consent is to
a stated purpose; OIDC Core 3.1.2.4), the renewal recorded with the new version."""

import base64
import json

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Client, ConsentEvent, ConsentReceipt
from tests.conftest import AuthRequest, consent_allow, sign_in
from tests.oidc.flows import PHONE, tokens_for

NEW_PURPOSE = "To print your name on the permit certificate"


@pytest.fixture
def client(make_client):
    return make_client()


def update(app, client, *args):
    return app.test_cli_runner().invoke(args=["clients", "update", client.client_id, *args])


def version_of(client) -> int:
    db.session.expire_all()
    return db.session.scalar(select(Client.purpose_version).where(Client.client_id == client.client_id))


def newest_event() -> ConsentEvent:
    return db.session.scalar(select(ConsentEvent).order_by(ConsentEvent.id.desc()).limit(1))


def test_a_new_purpose_text_raises_the_purpose_version_and_keeps_the_others(app, client):
    result = update(app, client, "--purpose", f"profile={NEW_PURPOSE}")

    assert result.exit_code == 0, result.output
    assert version_of(client) == 2
    purposes = db.session.scalar(select(Client.purposes).where(Client.client_id == client.client_id))
    assert purposes == {"profile": NEW_PURPOSE, "phone": "To serve you (phone)"}


def test_the_same_purpose_text_again_is_no_new_version(app, client):
    assert update(app, client, "--purpose", "profile=To serve you (profile)").exit_code == 0

    assert version_of(client) == 1


def test_a_purpose_for_a_scope_the_client_does_not_have_is_refused(app, client):
    result = update(app, client, "--purpose", "nik=To check who you are")

    assert result.exit_code == 1
    assert "a purpose for 'nik', which is not one of this client's scopes" in result.output
    assert version_of(client) == 1


def test_a_purpose_without_text_is_refused(app, client):
    result = update(app, client, "--purpose", "profile")

    assert result.exit_code == 1
    assert '--purpose takes scope="text"' in result.output


def test_a_citizen_who_agreed_to_an_older_version_is_asked_again(app, http, client):
    tokens_for(http, client)
    update(app, client, "--purpose", f"profile={NEW_PURPOSE}")

    response = AuthRequest(client, ui_locales="en").start(http)

    assert response.status_code == 303 and "/consent" in response.location
    page = http.get(response.location).get_data(as_text=True)
    assert "Perizinan has changed why it asks for your data since you last agreed." in page
    assert NEW_PURPOSE in page


def test_prompt_none_after_a_purpose_change_is_consent_required__oidc_core_3_1_2_6(app, http, client):
    tokens_for(http, client)
    update(app, client, "--purpose", f"profile={NEW_PURPOSE}")
    auth = AuthRequest(client, prompt="none")

    result = auth.result(auth.start(http))

    assert result["error"] == "consent_required"


def test_agreeing_again_is_a_renewal_recorded_with_the_new_version_and_text(app, http, client):
    tokens_for(http, client)
    update(app, client, "--purpose", f"profile={NEW_PURPOSE}")
    auth = AuthRequest(client)

    consent_allow(http, auth.start(http))

    renewal = newest_event()
    assert (renewal.kind, renewal.purpose_version, renewal.purposes["profile"]) == ("renewed", 2, NEW_PURPOSE)
    receipt = db.session.scalar(select(ConsentReceipt.jws).where(ConsentReceipt.event_id == renewal.id))
    body = receipt.split(".")[1]
    assert json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["noticeVersion"] == 2
    assert auth.result(auth.follow_to_client(http, auth.start(http)))["code"]  # not asked a third time


def test_a_citizen_who_never_agreed_sees_no_change_notice(app, http, client):
    update(app, client, "--purpose", f"profile={NEW_PURPOSE}")
    response = AuthRequest(client, ui_locales="en").start(http)

    consent = sign_in(http, PHONE, response.location)
    page = http.get(http.get(consent.location).location).get_data(as_text=True)

    assert "has changed why it asks" not in page and NEW_PURPOSE in page
