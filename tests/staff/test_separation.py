"""Staff cannot sign in as citizens, and citizens get nothing on staff pages."""

from tests.conftest import AuthRequest, post_form, sign_in
from tests.staff.conftest import staff_cookie, staff_sign_in


def citizen_cookie(http, app):
    cookie = http.get_cookie(app.config["BROWSER_SESSION_COOKIE"])
    return cookie.value if cookie else None


def test_staff_session_does_not_sign_in_a_citizen(http, make_staff):
    staff_sign_in(http, make_staff())
    page = http.get("/?ui_locales=en").get_data(as_text=True)
    assert "You are signed in" not in page


def test_staff_session_gives_a_service_no_sign_in(http, make_staff, make_client):
    staff_sign_in(http, make_staff())
    request = AuthRequest(make_client(), prompt="none")
    assert request.result(request.start(http))["error"] == "login_required"


def test_staff_cookie_value_is_not_a_citizen_session(app, http, make_staff, make_client):
    staff_sign_in(http, make_staff())
    http.set_cookie(app.config["BROWSER_SESSION_COOKIE"], staff_cookie(http, app))
    request = AuthRequest(make_client(), prompt="none")
    assert request.result(request.start(http))["error"] == "login_required"


def test_citizen_session_does_not_open_staff_pages(http):
    sign_in(http, "081234567890")
    assert http.get("/staff/").location == "/staff/signin"


def test_citizen_cookie_value_is_not_a_staff_session(app, http):
    sign_in(http, "081234567890")
    http.set_cookie(app.config["STAFF_SESSION_COOKIE"], citizen_cookie(http, app))
    assert http.get("/staff/").location == "/staff/signin"


def test_citizen_sign_in_does_not_take_a_staff_username(http, make_staff):
    make_staff(username="ani")
    assert post_form(http, "/signin", {"phone": "ani"}).status_code == 400


def test_staff_sign_in_does_not_take_a_citizen_phone(http, make_citizen):
    make_citizen(phone="+6281234567890")
    response = post_form(http, "/staff/signin", {"username": "+6281234567890", "password": "anything-at-all"})
    assert response.status_code == 400
    assert http.get("/staff/signin/totp").location == "/staff/signin"
