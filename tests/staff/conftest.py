"""Staff fixtures: a staff member with known password and TOTP secret, and
helpers that sign in through the real /staff pages."""

import time

import pyotp
import pytest

from idp.staff import accounts
from tests.conftest import post_form

PASSWORD = "kopi-tubruk-monas-1527"


@pytest.fixture(autouse=True)
def quick_argon2(app, monkeypatch):
    """A cheap Argon2 cost keeps these tests fast; test_passwords checks the real cost."""
    monkeypatch.setitem(app.config, "STAFF_ARGON2_TIME_COST", 1)
    monkeypatch.setitem(app.config, "STAFF_ARGON2_MEMORY_COST_KIB", 1024)
    monkeypatch.setitem(app.config, "STAFF_ARGON2_PARALLELISM", 1)


@pytest.fixture
def make_staff():
    def make(username="ani", role="operator", password=PASSWORD):
        enrolment = accounts.create(username, role, password)
        staff = enrolment.staff
        # Plaintext for the test only.
        staff.password = password
        staff.totp_secret = enrolment.totp_secret
        return staff

    return make


def code_for(staff, steps_from_now=0) -> str:
    """The code the staff member's authenticator app shows (now, or some 30-second steps away)."""
    return pyotp.TOTP(staff.totp_secret).at(time.time() + 30 * steps_from_now)


def enter_password(http, username, password, **kwargs):
    return post_form(http, "/staff/signin", {"username": username, "password": password}, **kwargs)


def enter_code(http, code, **kwargs):
    return post_form(http, "/staff/signin/totp", {"code": code}, **kwargs)


def staff_sign_in(http, staff):
    """Password, then the current code; returns the last response."""
    enter_password(http, staff.username, staff.password)
    return enter_code(http, code_for(staff))


def staff_cookie(http, app):
    cookie = http.get_cookie(app.config["STAFF_SESSION_COOKIE"])
    return cookie.value if cookie else None
