"""Issue 13: a sign-in form post is answered with a redirect, never a page (post/redirect/get,
RFC 9110 §15.4.4), even when it is refused: too many wrong authenticator codes, a missing
CSRF token, a sign-in that is over. Back or reload then never asks to send the form again."""

from idp.web import after_post
from tests.account.test_second_factor import LOA2, current_code, enrol_and_sign_in_again, forget_second_factor
from tests.conftest import AuthRequest, csrf_of, post_form

EN = "?ui_locales=en"


def post_raw(http, url, data):
    """POST as the browser does, without following the redirect."""
    http.get(url)
    return http.post(url, data={"csrf_token": csrf_of(http), **data})


def authenticator_step(http, client):
    return AuthRequest(client, acr_values=LOA2, ui_locales="en").start(http).location


def lock_the_authenticator(http, client, clock):
    enrol_and_sign_in_again(http, clock)
    forget_second_factor()
    for _ in range(5):
        post_form(http, authenticator_step(http, client), {"code": "000000"})


def test_too_many_authenticator_codes_are_answered_with_a_redirect_to_the_step(http, make_client, clock):
    client = make_client()
    lock_the_authenticator(http, client, clock)
    step = authenticator_step(http, client)
    refused = post_raw(http, step, {"code": current_code()})
    assert refused.status_code == 303 and refused.location == step


def test_the_authenticator_lockout_is_shown_by_get_with_429_and_the_wait(http, make_client, clock):
    client = make_client()
    lock_the_authenticator(http, client, clock)
    step = authenticator_step(http, client)
    post_raw(http, step, {"code": current_code()})
    shown = http.get(step)
    assert shown.status_code == 429 and int(shown.headers["Retry-After"]) > 0
    assert "Too many wrong codes. Try again in" in shown.get_data(as_text=True)


def test_reloading_the_lockout_sends_no_code_again(http, make_client, clock):
    client = make_client()
    lock_the_authenticator(http, client, clock)
    step = authenticator_step(http, client)
    post_raw(http, step, {"code": current_code()})
    http.get(step)
    reloaded = http.get(step)
    assert reloaded.status_code == 200 and "Too many wrong codes" not in reloaded.get_data(as_text=True)


def test_a_refused_sign_in_form_redirects_to_a_problem_page(http):
    http.get("/signin")
    refused = http.post("/signin" + EN, data={"phone": "081234567890"})  # no CSRF token
    assert refused.status_code == 303 and refused.location == "/problem?ui_locales=en"


def test_the_problem_page_shows_the_refusal_once_with_the_posts_status(http):
    http.get("/signin")
    http.post("/signin" + EN, data={"phone": "081234567890"})
    shown = http.get("/problem?ui_locales=en")
    assert shown.status_code == 400 and "This form has expired" in shown.get_data(as_text=True)
    again = http.get("/problem?ui_locales=en")
    assert again.status_code == 303 and again.location == "/"


def test_a_code_posted_to_a_sign_in_that_is_over_is_shown_by_get(http):
    http.get("/signin")
    refused = http.post("/signin/code?interaction=over&ui_locales=en", data={"csrf_token": csrf_of(http), "code": "1"})
    assert refused.status_code == 303
    shown = http.get(refused.location)
    assert shown.status_code == 400 and "This sign-in has expired" in shown.get_data(as_text=True)


def test_the_problem_page_without_a_post_before_it_goes_to_the_front_page(http):
    response = http.get("/problem")
    assert response.status_code == 303 and response.location == "/"
    with http.session_transaction() as session:
        assert after_post.KEY not in session
