"""Staff sessions: own cookie, a row per browser, 15 minutes idle, 8 hours at most."""

from sqlalchemy import select

from idp.extensions import db
from idp.models import StaffSession
from idp.security import digest
from tests.conftest import follow_shown_again, post_form
from tests.staff.conftest import code_for, enter_code, enter_password, staff_cookie, staff_sign_in


def set_cookie_header(response, name):
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}="))


def test_cookie_is_http_only_same_site_strict_and_has_no_expiry(http, make_staff):
    header = set_cookie_header(staff_sign_in(http, make_staff()), "jaki_staff")
    assert "HttpOnly" in header and "SameSite=Strict" in header and "Path=/" in header
    assert "Expires" not in header and "Max-Age" not in header


def test_cookie_is_secure_where_cookies_are_secure(app, http, make_staff, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    header = set_cookie_header(staff_sign_in(http, make_staff()), "jaki_staff")
    assert "Secure" in header


def test_cookie_value_changes_when_the_code_is_accepted(app, http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, staff.password)
    before = staff_cookie(http, app)
    enter_code(http, code_for(staff))
    assert staff_cookie(http, app) not in (None, before)


def test_cookie_value_is_stored_only_as_a_digest(app, http, make_staff):
    staff_sign_in(http, make_staff())
    row = db.session.scalar(select(StaffSession))
    assert row.cookie_digest == digest(staff_cookie(http, app))


def test_session_ends_after_15_minutes_without_activity(http, make_staff, clock):
    staff_sign_in(http, make_staff())
    clock.advance(15 * 60 + 1)
    assert http.get("/staff/").location == "/staff/signin"


def test_activity_keeps_the_session_open(http, make_staff, clock):
    staff_sign_in(http, make_staff())
    clock.advance(10 * 60)
    http.get("/staff/")
    clock.advance(10 * 60)
    assert http.get("/staff/").status_code == 200


def test_session_ends_8_hours_after_sign_in_even_with_activity(http, make_staff, clock):
    staff_sign_in(http, make_staff())
    signed_in_at = clock.now
    for minutes in range(10, 8 * 60, 10):
        clock.set(signed_in_at + minutes * 60)
        assert http.get("/staff/").status_code == 200
    clock.set(signed_in_at + 8 * 3600 + 1)
    assert http.get("/staff/").location == "/staff/signin"


def test_sign_out_ends_the_session_and_clears_the_cookie(app, http, make_staff):
    staff_sign_in(http, make_staff())
    cookie = staff_cookie(http, app)
    response = post_form(http, "/staff/signout", {})
    assert response.status_code == 303 and response.location == "/staff/signin"
    assert staff_cookie(http, app) is None
    assert db.session.scalar(select(StaffSession)).ended_at is not None
    http.set_cookie("jaki_staff", cookie)
    assert http.get("/staff/").location == "/staff/signin"


def test_sign_out_needs_a_post(http, make_staff):
    staff_sign_in(http, make_staff())
    assert http.get("/staff/signout").status_code == 405
    assert http.get("/staff/").status_code == 200


def test_sign_out_needs_the_csrf_token(http, make_staff):
    staff_sign_in(http, make_staff())
    assert follow_shown_again(http, http.post("/staff/signout")).status_code == 400
    assert http.get("/staff/").status_code == 200


def test_staff_pages_are_never_cached(http, make_staff):
    staff_sign_in(http, make_staff())
    assert http.get("/staff/").headers["Cache-Control"] == "no-store"
