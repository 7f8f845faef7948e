"""Staff pages: Indonesian by default, English on request, labelled inputs, nothing inline."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.staff.conftest import enter_password, staff_sign_in

TEMPLATES = Path(__file__).resolve().parents[2] / "idp" / "templates" / "staff"


class FormParts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs, self.labels = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") != "hidden":
            self.inputs.append(attrs.get("id"))
        if tag == "label":
            self.labels.add(attrs.get("for"))


def form_parts(html: str) -> FormParts:
    parser = FormParts()
    parser.feed(html)
    return parser


def test_sign_in_page_is_indonesian_by_default(http):
    page = http.get("/staff/signin").get_data(as_text=True)
    assert "Masuk petugas" in page and "Nama pengguna" in page and "Kata sandi" in page


def test_sign_in_page_is_english_with_ui_locales(http):
    page = http.get("/staff/signin?ui_locales=en").get_data(as_text=True)
    assert "Staff sign-in" in page and "Username" in page and "Password" in page and "Sign in" in page


def test_sign_in_page_is_english_with_accept_language(http):
    page = http.get("/staff/signin", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert "Staff sign-in" in page


def test_english_choice_is_kept_from_password_to_code(http, make_staff):
    staff = make_staff()
    response = enter_password(http, staff.username, staff.password, query_string={"ui_locales": "en"})
    page = http.get(response.location).get_data(as_text=True)
    assert "Authentication code" in page and "Verify" in page


def test_home_page_is_indonesian_by_default(http, make_staff):
    staff_sign_in(http, make_staff(username="ani"))
    page = http.get("/staff/").get_data(as_text=True)
    assert "Masuk sebagai ani." in page and "Peran: Operator" in page and "Keluar" in page


def test_sign_in_inputs_have_labels(http):
    parts = form_parts(http.get("/staff/signin").get_data(as_text=True))
    assert parts.inputs == ["username", "password"] and parts.labels >= set(parts.inputs)


def test_code_input_has_a_label(http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, staff.password)
    parts = form_parts(http.get("/staff/signin/totp").get_data(as_text=True))
    assert parts.inputs == ["code"] and parts.labels >= set(parts.inputs)


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_inline_script_style_or_event_handler(template):
    # The Content-Security-Policy would block them.
    html = (TEMPLATES / template).read_text()
    assert not re.search(r"<script|<style|\sstyle=|\son[a-z]+=", html)
