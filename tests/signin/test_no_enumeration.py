"""No account enumeration: until its code comes back, a citizen's number and a
number nobody has used get the same pages, the same SMS and the same work."""

import re

from sqlalchemy import event

from idp.extensions import db
from tests.conftest import latest_sms, post_form
from tests.signin.conftest import ask_for_code

KNOWN, KNOWN_MASKED = "081234567890", "+62 812-****-7890"
UNKNOWN, UNKNOWN_MASKED = "081298765432", "+62 812-****-5432"
EN = "?ui_locales=en"


def same_apart_from_random_values(page: str, *numbers_shown: str) -> str:
    page = re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value=""', page)
    page = same_apart_from_transaction(page)
    for number in numbers_shown:
        page = page.replace(number, "NUMBER")
    return page


def same_apart_from_transaction(text: str) -> str:
    """The sign-in's random id, which each browser's transaction has."""
    return re.sub(r"interaction=[\w-]+", "interaction=ID", text)


def test_known_and_unknown_numbers_are_answered_alike(http, browser, make_citizen):
    make_citizen(phone="+6281234567890")
    other = browser()
    known, unknown = ask_for_code(http, KNOWN, EN), ask_for_code(other, UNKNOWN, EN)
    assert known.status_code == unknown.status_code
    assert same_apart_from_transaction(known.location) == same_apart_from_transaction(unknown.location)
    known_page = same_apart_from_random_values(http.get(known.location).get_data(as_text=True), KNOWN_MASKED)
    unknown_page = same_apart_from_random_values(other.get(unknown.location).get_data(as_text=True), UNKNOWN_MASKED)
    assert known_page == unknown_page


def test_known_and_unknown_numbers_both_get_the_same_sms(http, browser, make_citizen):
    make_citizen(phone="+6281234567890")
    other = browser()
    ask_for_code(http, KNOWN)
    known = latest_sms(http)
    ask_for_code(other, UNKNOWN)
    unknown = latest_sms(other)
    assert known["body"].replace(known["code"], "CODE") == unknown["body"].replace(unknown["code"], "CODE")


def test_wrong_code_is_answered_alike_for_known_and_unknown_numbers(http, browser, make_citizen):
    make_citizen(phone="+6281234567890")
    other = browser()
    ask_for_code(http, KNOWN)
    ask_for_code(other, UNKNOWN)
    answers = []
    for who, number_shown in ((http, KNOWN_MASKED), (other, UNKNOWN_MASKED)):
        wrong = "000000" if latest_sms(who)["code"] != "000000" else "111111"
        response = post_form(who, "/signin/code" + EN, {"code": wrong})
        page = same_apart_from_random_values(response.get_data(as_text=True), number_shown)
        answers.append((response.status_code, page))
    assert answers[0] == answers[1]


def statements_while(action) -> list[str]:
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_known_and_unknown_numbers_cost_the_same_database_work(http, browser, make_citizen):
    # Equal statements, in the same order, take equal time: nothing to measure from outside.
    make_citizen(phone="+6281234567890")
    other = browser()
    http.get("/signin")
    other.get("/signin")
    known = statements_while(lambda: ask_for_code(http, KNOWN))
    unknown = statements_while(lambda: ask_for_code(other, UNKNOWN))
    assert known == unknown
    assert not any(re.search(r"\bcitizen\b", statement) for statement in known)  # the table, not a column


def test_limits_answer_alike_for_known_and_unknown_numbers(http, browser, make_citizen, clock):
    make_citizen(phone="+6281234567890")
    ask_for_code(browser("10.0.0.1"), KNOWN)
    ask_for_code(browser("10.0.0.2"), UNKNOWN)
    known = ask_for_code(http, KNOWN, EN)
    unknown = ask_for_code(browser(), UNKNOWN, EN)
    assert known.status_code == unknown.status_code == 429
    assert known.headers["Retry-After"] == unknown.headers["Retry-After"]
    known_page = same_apart_from_random_values(known.get_data(as_text=True), KNOWN)
    assert known_page == same_apart_from_random_values(unknown.get_data(as_text=True), UNKNOWN)
