"""The sign-in's state lives on the server: the browser's cookies hold opaque ids only,
and never a phone number (the authorization transaction, idp/interaction/)."""

from tests.account.test_phone_change import NEW_PHONE, change_to
from tests.conftest import latest_sms, post_form, sign_in

PHONE = "081234567890"
# after_post: what a post shows again on its page, encrypted (idp/web/after_post.py).
OPAQUE_KEYS = {"browser_id", "csrf_token", "after_post"}


def cookie_texts(http) -> list[str]:
    """Every cookie the browser holds, and the signed session decoded."""
    texts = [cookie.value for cookie in http._cookies.values()]
    with http.session_transaction() as session:
        texts.append(repr(dict(session)))
        assert set(session) <= OPAQUE_KEYS
    return texts


def assert_no_number(http, *numbers):
    digits = [number.lstrip("0") for number in numbers]  # '81234567890' is in +62…, 62… and 0…
    for text in cookie_texts(http):
        assert not any(d in text for d in digits), text


def test_no_phone_number_in_a_cookie_while_the_code_is_on_its_way(http):
    post_form(http, "/signin", {"phone": PHONE})
    assert_no_number(http, PHONE)


def test_no_phone_number_in_a_cookie_after_a_wrong_code(http):
    post_form(http, "/signin", {"phone": PHONE})
    wrong = "000000" if latest_sms(http)["code"] != "000000" else "111111"
    post_form(http, "/signin/code", {"code": wrong})
    assert_no_number(http, PHONE)


def test_no_phone_number_in_a_cookie_when_signed_in(http):
    sign_in(http, PHONE)
    assert_no_number(http, PHONE)


def test_no_phone_number_in_a_cookie_during_a_phone_change(http):
    sign_in(http, PHONE)
    change_to(http)
    assert_no_number(http, PHONE, NEW_PHONE)
