"""Issue 13: the back button. A form post is answered with a redirect (post/redirect/get,
RFC 9110 §15.4.4), so no page in the history is a POST the browser would send again; a
signed-in citizen back at a finished sign-in goes to their account, not a dead end."""

from urllib.parse import urlsplit

from flask import session

from idp.web import after_post
from tests.conftest import AuthRequest, consent_allow, csrf_of, latest_sms, post_form, sign_in
from tests.signin.conftest import PHONE, ask_for_code

EN = "?ui_locales=en"
WRONG_CODE_TEXT = "That code is not correct."


def wrong_code(http):
    return "000000" if latest_sms(http)["code"] != "000000" else "111111"


def test_a_wrong_code_is_answered_with_a_redirect_to_the_code_page(http):
    ask_for_code(http, query=EN)
    http.get("/signin/code" + EN)
    response = http.post("/signin/code" + EN, data={"csrf_token": csrf_of(http), "code": wrong_code(http)})
    assert response.status_code == 303
    assert response.location == "/signin/code" + EN
    assert response.get_data(as_text=True).count(WRONG_CODE_TEXT) == 0


def test_the_page_after_the_redirect_says_what_was_wrong_with_the_posts_status(http):
    ask_for_code(http, query=EN)
    http.get("/signin/code" + EN)
    response = http.post("/signin/code" + EN, data={"csrf_token": csrf_of(http), "code": wrong_code(http)})
    page = http.get(response.location)
    assert page.status_code == 400
    assert WRONG_CODE_TEXT in page.get_data(as_text=True)


def test_reloading_the_page_afterwards_no_longer_shows_the_error(http):
    ask_for_code(http, query=EN)
    post_form(http, "/signin/code" + EN, {"code": wrong_code(http)})
    again = http.get("/signin/code" + EN)
    assert again.status_code == 200
    assert WRONG_CODE_TEXT not in again.get_data(as_text=True)


def test_a_refused_number_is_shown_again_as_typed(http):
    http.get("/signin" + EN)
    response = http.post("/signin" + EN, data={"csrf_token": csrf_of(http), "phone": "0215550123"})
    assert response.status_code == 303
    page = http.get(response.location).get_data(as_text=True)
    assert 'value="0215550123"' in page and 'aria-invalid="true"' in page


def test_what_a_post_kept_is_shown_only_on_its_own_page(app):
    with app.test_request_context("/signin", method="POST"):
        after_post.show_again(phone="0215550123")
        kept = dict(session)
    with app.test_request_context("/signin/code"):
        session.update(kept)
        assert after_post.shown() == ({}, 200, {})


def test_what_a_post_kept_is_dropped_after_two_minutes(http, clock):
    http.get("/signin" + EN)
    response = http.post("/signin" + EN, data={"csrf_token": csrf_of(http), "phone": "0215550123"})
    clock.advance(121)
    assert "0215550123" not in http.get(response.location).get_data(as_text=True)


def test_back_to_the_code_page_after_signing_in_goes_to_the_account(http, make_client):
    auth = AuthRequest(make_client())
    sign_in_page = auth.start(http).location
    code_page = "/signin/code?" + urlsplit(sign_in_page).query
    consent = http.get(sign_in(http, PHONE, sign_in_page).location)
    consent_allow(http, consent)  # the code is issued: the sign-in is over
    back = http.get(code_page)
    assert back.status_code == 303 and back.location == "/account/"
    page = http.get(back.location + EN).get_data(as_text=True)
    assert "You are already signed in." in page


def test_back_to_the_consent_page_after_allowing_goes_to_the_account(http, make_client):
    auth = AuthRequest(make_client())
    consent = http.get(sign_in(http, PHONE, auth.start(http).location).location)
    consent_page = consent.location
    consent_allow(http, consent)
    assert http.get(consent_page).location == "/account/"


def test_a_signed_out_browser_at_a_finished_sign_in_reads_that_it_expired(http, make_client):
    sign_in_page = AuthRequest(make_client()).start(http).location
    interaction = urlsplit(sign_in_page).query
    http.delete_cookie("jaki_session")  # another browser: the interaction is not its own
    response = http.get(f"/signin/code?{interaction}&ui_locales=en")
    assert response.status_code == 400
    assert "This sign-in has expired" in response.get_data(as_text=True)


def test_the_recovery_codes_are_shown_once_after_the_set_up(http):
    from tests.account.test_second_factor import current_code

    sign_in(http, PHONE)
    http.get("/account/2fa/setup")
    response = http.post("/account/2fa/setup", data={"csrf_token": csrf_of(http), "code": current_code()})
    assert response.status_code == 303 and response.location == "/account/2fa/recovery-codes"
    assert http.get(response.location).status_code == 200
    assert http.get(response.location).location == "/account/2fa"  # back or reload: not again
