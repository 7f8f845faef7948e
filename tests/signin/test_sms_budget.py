"""The provider's daily SMS budget: past it sending stops, and the operator is alerted once."""

import logging
from datetime import datetime, time, timedelta

import pytest

from idp.phone_otp.sms_budget import JAKARTA
from tests.signin.conftest import ask_for_code, sms_count

EN = "?ui_locales=en"


@pytest.fixture
def budget_of_two(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_DAILY_BUDGET", 2)


def use_up_the_budget(browser):
    for number in ("081200000001", "081200000002"):
        assert ask_for_code(browser(), number).status_code == 303


def test_sending_stops_when_the_daily_budget_is_used_up(http, browser, budget_of_two, clock):
    use_up_the_budget(browser)
    response = ask_for_code(http, "081200000003", EN)
    assert response.status_code == 503
    assert "We cannot send codes right now." in response.get_data(as_text=True)
    assert sms_count(http) == 2


def test_operator_is_alerted_once_not_once_per_request(http, browser, budget_of_two, clock, caplog):
    use_up_the_budget(browser)
    with caplog.at_level(logging.ERROR, logger="idp.sms"):
        for number in ("081200000003", "081200000004", "081200000005"):
            ask_for_code(browser(), number)
    alerts = [r for r in caplog.records if r.name == "idp.sms" and r.levelno >= logging.ERROR]
    assert len(alerts) == 1
    assert alerts[0].levelno == logging.CRITICAL
    assert "SMS daily budget used up" in alerts[0].getMessage()


def next_midnight_in_jakarta(timestamp: float) -> float:
    tomorrow = datetime.fromtimestamp(timestamp, JAKARTA).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), JAKARTA).timestamp()


def test_budget_starts_again_at_midnight_in_jakarta(http, browser, budget_of_two, clock):
    use_up_the_budget(browser)
    clock.advance(next_midnight_in_jakarta(clock.now) - clock.now - 1)
    assert ask_for_code(browser(), "081200000003").status_code == 503
    clock.advance(1)
    assert ask_for_code(browser(), "081200000004").status_code == 303
