"""Back-channel logout deliveries given up on, in the operator console: the service
and the error, never the citizen's subject or session id."""

from datetime import timedelta

from idp.clock import now
from idp.extensions import db
from idp.models import LogoutDelivery
from tests.staff.conftest import staff_sign_in


def given_up(client, error="HTTP 500 from the service"):
    row = LogoutDelivery(
        client_id=client.client_id,
        subject="pairwise-sub-of-a-citizen",
        session_id="sid-of-a-session",
        attempts=5,
        failed_at=now() - timedelta(minutes=3),
        last_error=error,
    )
    db.session.add(row)
    db.session.commit()


def test_an_operator_sees_which_service_refused_and_why(http, make_staff, make_client):
    client = make_client(name="Layanan Pajak")
    given_up(client)
    staff_sign_in(http, make_staff("ani", "operator"))
    page = http.get("/staff/console/logout-failures", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Layanan Pajak" in html and "HTTP 500 from the service" in html and "5 attempts" in html
    assert "pairwise-sub-of-a-citizen" not in html and "sid-of-a-session" not in html


def test_without_failures_the_page_says_so(http, make_staff):
    staff_sign_in(http, make_staff("ani", "operator"))
    html = http.get("/staff/console/logout-failures", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No failed deliveries." in html


def test_auditors_cannot_see_it(http, make_staff):
    staff_sign_in(http, make_staff("budi", "auditor"))
    assert http.get("/staff/console/logout-failures").status_code == 403
