"""Staff sign-in: username and password, then the authentication code.

Same answer for an unknown username, a wrong password and a disabled
account; attempts limited per username and per IP address.
"""

from idp.extensions import db
from tests.conftest import csrf_of, follow_shown_again, post_form
from tests.staff.conftest import PASSWORD, code_for, enter_code, enter_password, staff_sign_in

WRONG = "The username or password is not correct."


def test_password_then_code_opens_the_staff_home(http, make_staff):
    response = staff_sign_in(http, make_staff(username="ani", role="auditor"))
    assert response.status_code == 303 and response.location == "/staff/"
    page = http.get("/staff/?ui_locales=en").get_data(as_text=True)
    assert "Signed in as ani." in page and "Role: Auditor" in page


def test_password_alone_does_not_sign_in(http, make_staff):
    staff = make_staff()
    response = enter_password(http, staff.username, staff.password)
    assert response.status_code == 303 and response.location == "/staff/signin/totp"
    assert http.get("/staff/").location == "/staff/signin"


def test_username_is_not_case_sensitive(http, make_staff):
    staff = make_staff(username="ani")
    assert enter_password(http, "  ANI ", staff.password).location == "/staff/signin/totp"


def test_wrong_password_and_unknown_username_get_the_same_answer(http, make_staff):
    make_staff(username="ani")
    wrong_password = enter_password(http, "ani", "not-the-password", query_string={"ui_locales": "en"})
    unknown_user = enter_password(http, "nobody", PASSWORD, query_string={"ui_locales": "en"})
    assert wrong_password.status_code == unknown_user.status_code == 400
    assert WRONG in wrong_password.get_data(as_text=True)
    assert WRONG in unknown_user.get_data(as_text=True)


def test_disabled_staff_member_gets_the_same_answer(http, make_staff):
    staff = make_staff()
    staff.disabled = True
    db.session.commit()
    response = enter_password(http, staff.username, staff.password, query_string={"ui_locales": "en"})
    assert response.status_code == 400 and WRONG in response.get_data(as_text=True)


def test_empty_fields_ask_for_both(http):
    response = enter_password(http, "", "", query_string={"ui_locales": "en"})
    assert response.status_code == 400
    assert "Enter your username and password." in response.get_data(as_text=True)


def test_wrong_code_is_refused(http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, staff.password)
    response = enter_code(http, code_for(staff, 5), query_string={"ui_locales": "en"})
    assert response.status_code == 400
    assert "That code is not correct" in response.get_data(as_text=True)
    assert http.get("/staff/").status_code == 302


def test_code_used_once_is_refused_at_the_next_sign_in(http, make_staff):
    staff = make_staff()
    code = code_for(staff)
    enter_password(http, staff.username, staff.password)
    enter_code(http, code)
    post_form(http, "/staff/signout", {})
    enter_password(http, staff.username, staff.password)
    assert enter_code(http, code).status_code == 400


def test_code_step_expires_five_minutes_after_the_password(http, make_staff, clock):
    staff = make_staff()
    enter_password(http, staff.username, staff.password)
    clock.advance(5 * 60)
    response = http.post("/staff/signin/totp", data={"csrf_token": csrf_of(http), "code": code_for(staff)})
    assert response.status_code == 302 and response.location == "/staff/signin"


def test_code_page_without_the_password_goes_back_to_sign_in(http):
    assert http.get("/staff/signin/totp").location == "/staff/signin"


def test_password_attempts_are_limited_per_username(http, make_staff):
    staff = make_staff()
    for attempt in range(5):
        enter_password(http, staff.username, "wrong", environ_base={"REMOTE_ADDR": f"10.0.0.{attempt}"})
    response = enter_password(http, staff.username, staff.password, environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_password_attempts_are_limited_per_ip_address(http, make_staff):
    staff = make_staff()
    for attempt in range(20):
        enter_password(http, f"guess{attempt}", "wrong")
    assert enter_password(http, staff.username, staff.password).status_code == 429


def test_limited_answer_says_when_to_try_again(http):
    for _attempt in range(6):
        response = enter_password(http, "ani", "wrong", query_string={"ui_locales": "en"})
    assert "Too many attempts. Try again in 15 minutes." in response.get_data(as_text=True)


def test_code_attempts_are_limited(http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, staff.password)
    for _attempt in range(5):
        enter_code(http, "000000")
    assert enter_code(http, code_for(staff)).status_code == 429


def test_failed_attempts_are_counted_until_the_next_sign_in(http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, "wrong")
    enter_password(http, staff.username, staff.password)
    enter_code(http, "000000")
    db.session.refresh(staff)
    assert staff.failed_attempts == 2
    enter_code(http, code_for(staff))
    db.session.refresh(staff)
    assert staff.failed_attempts == 0 and staff.last_signed_in_at is not None


def test_signed_in_staff_member_is_sent_from_sign_in_to_home(http, make_staff):
    staff_sign_in(http, make_staff())
    assert http.get("/staff/signin").location == "/staff/"


def test_forms_without_the_csrf_token_are_refused(http, make_staff):
    staff = make_staff()
    posted = http.post("/staff/signin", data={"username": staff.username, "password": staff.password})
    assert follow_shown_again(http, posted).status_code == 400
    assert http.get("/staff/signin/totp").location == "/staff/signin"
