"""Jaklapor: reports stored under the pairwise `sub` alone."""

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from clients.complaints.models import Report, db
from tests.clients.signin_helpers import post_form, received_claims, sign_in

REPORT = {"category": "Jalan rusak", "location": "Jl. Salemba Raya", "description": "Lubang besar"}


@pytest.fixture
def app(make_app):
    return make_app("complaints")


@pytest.fixture
def http(app):
    return app.test_client()


def own_reports(app, sub):
    with app.app_context():
        return db.session.scalars(select(Report).where(Report.reporter_sub == sub)).all()


def test_requests_the_openid_scope_only(http):
    location = http.get("/login").headers["Location"]

    assert parse_qs(urlsplit(location).query)["scope"] == ["openid"]


def test_signed_in_page_shows_that_only_a_sub_was_received(http):
    sign_in(http)

    page = http.get("/").get_data(as_text=True)

    assert list(received_claims(page)) == ["sub"]
    for personal in ("Budi Santoso", "+6281234567890", "1985-04-12"):
        assert personal not in page


def test_report_is_stored_under_the_sub_alone(app, http):
    sign_in(http)
    with http.session_transaction() as session:
        sub = session["sign_in"]["id_token_claims"]["sub"]

    post_form(http, "/reports", REPORT)

    [report] = own_reports(app, sub)
    assert (report.category, report.location) == ("Jalan rusak", "Jl. Salemba Raya")
    assert "JL-00004" in http.get("/").get_data(as_text=True)


def test_reports_table_has_no_place_for_who_the_reporter_is():
    columns = set(Report.__table__.columns.keys())

    assert columns == {"id", "reporter_sub", "category", "location", "description", "status", "created_at"}


def test_public_queue_never_shows_reporters(http):
    page = http.get("/").get_data(as_text=True)

    assert "Jl. Kramat Raya dekat halte Senen" in page
    assert "demo-reporter" not in page


def test_incomplete_report_is_refused(app, http):
    sign_in(http)

    post_form(http, "/reports", {**REPORT, "category": "Bukan kategori"})

    with app.app_context():
        filed = select(Report).where(Report.location == REPORT["location"])
        assert db.session.scalar(filed) is None
