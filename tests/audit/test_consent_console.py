"""The consent log in the auditor console: per service over time and per pseudonymous citizen."""

from datetime import datetime

import pytest

from idp.audit import log
from idp.audit import types as audit
from idp.audit.pseudonyms import pseudonym_of
from idp.extensions import db
from tests.audit.conftest import stored_events
from tests.staff.conftest import staff_sign_in


def consent_event(clock, when, event_type, citizen, client, scope="openid profile"):
    clock.set(datetime.fromisoformat(when + "+00:00").timestamp())
    log.append(event_type, citizen_id=citizen.id, client_id=client.client_id, details={"scope": scope})
    db.session.commit()


@pytest.fixture
def history(clock, make_citizen, make_client):
    """Two citizens and a service: Siti gives and later withdraws; Budi gives, then widens."""
    siti, budi = make_citizen(), make_citizen(name="Budi")
    permits = make_client(name="Perizinan")
    consent_event(clock, "2027-01-05T03:00:00", audit.CONSENT_GRANTED, siti, permits)
    consent_event(clock, "2027-01-06T03:00:00", audit.CONSENT_GRANTED, budi, permits)
    consent_event(clock, "2027-02-10T03:00:00", audit.CONSENT_WITHDRAWN, siti, permits, scope="")
    consent_event(clock, "2027-02-11T03:00:00", audit.CONSENT_WIDENED, budi, permits, scope="openid profile phone")
    return siti, budi, permits


@pytest.fixture
def auditor(http, make_staff, history):
    staff_sign_in(http, make_staff(username="audra", role="auditor"))


def test_per_service_counts_each_month_and_what_stands_now(http, auditor, history):
    _, _, permits = history
    body = http.get(f"/staff/audit/consents?client={permits.client_id}&ui_locales=en").get_data(as_text=True)
    assert "Standing now: 1. Withdrawn or expired: 1." in body
    february, january = body.index("2027-02"), body.index("2027-01")
    assert february < january  # newest first
    assert "Consent given: 2" in body[january:] and "Consent withdrawn: 1" in body[february:january]


def test_per_citizen_every_change_in_order(http, auditor, history):
    siti, _, _ = history
    body = http.get(f"/staff/audit/consents?citizen={pseudonym_of(siti.id)}&ui_locales=en").get_data(as_text=True)
    assert body.index("Consent withdrawn") < body.index("Consent given") and "Budi" not in body
    assert siti.phone_number not in body


def test_the_view_is_an_event(http, auditor, history):
    _, _, permits = history
    http.get(f"/staff/audit/consents?client={permits.client_id}")
    (viewed,) = [e for e in stored_events() if e.type == audit.AUDITOR_VIEWED]
    assert viewed.details == {"page": "consents", "filters": {"client_id": permits.client_id}}


def test_operators_cannot_open_it(http, make_staff):
    staff_sign_in(http, make_staff(role="operator"))
    assert http.get("/staff/audit/consents").status_code == 403
