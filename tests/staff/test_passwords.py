"""Staff passwords: Argon2id, upgraded when the cost settings change, same work for unknown usernames."""

import pytest
from argon2 import PasswordHasher, profiles

from config import Config
from idp.staff.passwords import WeakPassword, check_password, check_strength, hash_password
from tests.staff.conftest import PASSWORD


def test_production_cost_is_the_rfc_9106_low_memory_profile():
    profile = profiles.RFC_9106_LOW_MEMORY
    assert Config.STAFF_ARGON2_TIME_COST == profile.time_cost
    assert Config.STAFF_ARGON2_MEMORY_COST_KIB == profile.memory_cost
    assert Config.STAFF_ARGON2_PARALLELISM == profile.parallelism


def test_password_is_stored_as_argon2id_and_never_in_plaintext(make_staff):
    staff = make_staff()
    assert staff.password_hash.startswith("$argon2id$")
    assert PASSWORD not in staff.password_hash


def test_right_password_is_accepted(make_staff):
    assert check_password(make_staff(), PASSWORD)


def test_wrong_password_is_refused(make_staff):
    assert not check_password(make_staff(), PASSWORD + "x")


def test_hash_is_upgraded_when_the_cost_settings_change(app, make_staff, monkeypatch):
    staff = make_staff()
    monkeypatch.setitem(app.config, "STAFF_ARGON2_TIME_COST", 2)
    assert check_password(staff, PASSWORD)
    assert "t=2," in staff.password_hash
    assert check_password(staff, PASSWORD)


def test_hash_is_left_alone_when_the_cost_is_current(make_staff):
    staff = make_staff()
    before = staff.password_hash
    check_password(staff, PASSWORD)
    assert staff.password_hash == before


def test_a_wrong_password_never_upgrades_the_hash(app, make_staff, monkeypatch):
    staff = make_staff()
    before = staff.password_hash
    monkeypatch.setitem(app.config, "STAFF_ARGON2_TIME_COST", 2)
    check_password(staff, "not the password")
    assert staff.password_hash == before


def test_unknown_username_still_costs_one_argon2_verification(monkeypatch):
    calls = []
    real_verify = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, *args: calls.append(1) or real_verify(self, *args))
    assert not check_password(None, PASSWORD)
    assert calls == [1]


def test_hash_is_salted(app):
    assert hash_password(PASSWORD) != hash_password(PASSWORD)


@pytest.mark.parametrize(
    "password",
    ["short-11chr", "aaaaaaaaaaaaaaaa", "andi.susanto", "ANDI.SUSANTO", "x" * 100 + "y" * 157],
    ids=["too-short", "one-character", "the-username", "the-username-in-capitals", "too-long"],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(WeakPassword):
        check_strength(password, "andi.susanto")


def test_a_long_passphrase_is_accepted():
    check_strength("naik transjakarta ke kota tua setiap minggu", "andi.susanto")
