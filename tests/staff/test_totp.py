"""Authentication codes (RFC 6238): one step of drift either way, each step accepted once."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from idp.extensions import db
from idp.staff.totp import accept_code, decrypt, provisioning_uri
from tests.staff.conftest import code_for

# A frozen clock: no 30-second boundary passes between making a code and checking it.
pytestmark = pytest.mark.usefixtures("clock")


def test_secret_is_encrypted_at_rest(make_staff):
    staff = make_staff()
    assert staff.totp_secret.encode() not in staff.totp_secret_encrypted
    assert decrypt(staff.totp_secret_encrypted) == staff.totp_secret


def test_provisioning_uri_names_the_issuer_and_the_username():
    uri = urlsplit(provisioning_uri("ani", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert unquote(uri.path) == "/JAKI ID Staff:ani"
    assert parse_qs(uri.query) == {"secret": ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"], "issuer": ["JAKI ID Staff"]}


def test_current_code_is_accepted(make_staff):
    staff = make_staff()
    assert accept_code(staff, code_for(staff))


def test_same_code_is_refused_the_second_time(make_staff):
    staff = make_staff()
    code = code_for(staff)
    accept_code(staff, code)
    assert not accept_code(staff, code)


@pytest.mark.parametrize("steps", [-1, 1])
def test_code_one_step_early_or_late_is_accepted(make_staff, steps):
    staff = make_staff()
    assert accept_code(staff, code_for(staff, steps))


@pytest.mark.parametrize("steps", [-2, 2])
def test_code_two_steps_away_is_refused(make_staff, steps):
    staff = make_staff()
    assert not accept_code(staff, code_for(staff, steps))


def test_code_older_than_the_last_accepted_one_is_refused(make_staff):
    staff = make_staff()
    accept_code(staff, code_for(staff))
    assert not accept_code(staff, code_for(staff, -1))


def test_accepted_step_is_remembered(make_staff):
    staff = make_staff()
    accept_code(staff, code_for(staff))
    db.session.refresh(staff)
    assert staff.totp_last_used_step is not None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef"])
def test_malformed_codes_are_refused(make_staff, code):
    assert not accept_code(make_staff(), code)
