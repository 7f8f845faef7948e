"""SMS backends behind one interface: outbox, console, and a real HTTP gateway
(here a local server) with a timeout, retries and a clear page when sending fails."""

import json
import logging
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from config import check_production_safety
from idp.extensions import db
from idp.models import OtpChallenge
from idp.phone_otp.sms import BACKENDS, backend
from idp.phone_otp.sms_errors import SmsNotSent
from idp.phone_otp.sms_gateway import HttpGatewayBackend, render_body
from tests.conftest import post_form
from tests.signin.conftest import PHONE, PHONE_E164, ask_for_code

EN = "?ui_locales=en"
TOKEN = "Bearer gateway-test-token"


class Gateway:
    """A local SMS gateway. `answers` scripts its replies in order: a status
    code, or ("slow", seconds) to answer 200 only after that long."""

    def __init__(self):
        self.answers = []
        self.received = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append({"headers": dict(self.headers), "json": json.loads(body)})
                answer = gateway.answers.pop(0) if gateway.answers else 200
                if isinstance(answer, tuple):
                    time.sleep(answer[1])
                    answer = 200
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def last_code(self) -> str:
        return re.search(r"#(\d{6})$", self.received[-1]["json"]["text"]).group(1)


@pytest.fixture
def gateway(app, monkeypatch):
    running = Gateway()
    for name, value in {
        "SMS_BACKEND": "http",
        "SMS_GATEWAY_URL": running.url,
        "SMS_GATEWAY_AUTH_HEADER": f"Authorization: {TOKEN}",
        "SMS_GATEWAY_BODY_TEMPLATE": '{"to": "{to}", "text": "{body}", "sender": "JAKI"}',
        "SMS_GATEWAY_TIMEOUT_SECONDS": 0.3,
        "SMS_GATEWAY_RETRY_BACKOFF_SECONDS": 0,  # retries without sleeping for real
    }.items():
        monkeypatch.setitem(app.config, name, value)
    yield running
    running.stop()


def challenges():
    return db.session.scalar(select(func.count()).select_from(OtpChallenge))


# --- The HTTP gateway ------------------------------------------------------------------


def test_gateway_gets_the_configured_json_and_auth_header(http, gateway):
    assert ask_for_code(http).status_code == 303
    [request] = gateway.received
    assert request["headers"]["Authorization"] == TOKEN
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"]["to"] == PHONE_E164 and request["json"]["sender"] == "JAKI"
    assert "Jangan pernah berikan kode ini" in request["json"]["text"]


def test_code_sent_through_the_gateway_signs_in(http, gateway):
    ask_for_code(http)
    response = post_form(http, "/signin/code", {"code": gateway.last_code()})
    assert response.status_code == 303 and "/signin/profile" in response.location


def test_body_values_are_json_escaped_in_the_template():
    body = 'Kode "123456"\n{to} \\ selesai'
    rendered = render_body('{"to": "{to}", "text": "{body}"}', "+6281234567890", body)
    assert json.loads(rendered) == {"to": "+6281234567890", "text": body}


def test_gateway_5xx_is_retried_until_it_takes_the_message(http, gateway):
    gateway.answers = [503, 500]
    assert ask_for_code(http).status_code == 303
    assert len(gateway.received) == 3


def test_retries_back_off_doubling(gateway):
    gateway.answers = [500, 500, 200]
    slept = []
    backend = HttpGatewayBackend(gateway.url, "", '{"to": "{to}", "text": "{body}"}', 1, 3, 0.5, sleep=slept.append)
    backend.send(PHONE_E164, "123456 adalah kode JAKI ID Anda.")
    assert slept == [0.5, 1.0]


def test_gateway_that_keeps_failing_gives_a_clear_page_and_keeps_the_phone(http, gateway):
    gateway.answers = [500, 500, 500]
    response = ask_for_code(http, "0812 3456 7890", EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "We could not send the SMS. Please try again in a moment." in page
    assert 'value="0812 3456 7890"' in page
    assert len(gateway.received) == 3


def test_failed_send_page_is_in_indonesian_by_default(http, gateway):
    gateway.answers = [500, 500, 500]
    assert "SMS tidak terkirim." in ask_for_code(http).get_data(as_text=True)


def test_gateway_timeout_is_not_retried_and_gives_the_clear_page(http, gateway):
    # It may have the message already: a second try could text the code twice.
    gateway.answers = [("slow", 1)]
    response = ask_for_code(http, query=EN)
    assert response.status_code == 503
    assert "We could not send the SMS." in response.get_data(as_text=True)
    assert len(gateway.received) == 1


def test_gateway_4xx_is_not_retried(http, gateway):
    gateway.answers = [401]
    assert ask_for_code(http).status_code == 503
    assert len(gateway.received) == 1


def test_unreachable_gateway_gives_the_clear_page(http, gateway, app, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setitem(app.config, "SMS_GATEWAY_URL", f"http://127.0.0.1:{closed_port}/send")
    assert ask_for_code(http).status_code == 503


def test_failed_send_stores_no_challenge(http, gateway):
    gateway.answers = [500, 500, 500]
    ask_for_code(http)
    assert challenges() == 0


def test_failed_send_costs_the_citizen_no_quota_and_no_wait(http, gateway, clock):
    # The failure is ours, not the citizen's: only codes that left count per number.
    gateway.answers = [500, 500, 500] * 3
    for _ in range(3):
        ask_for_code(http)
    assert ask_for_code(http).status_code == 303


def test_gateway_failures_are_logged_without_the_code(http, gateway, caplog):
    gateway.answers = [500, 500, 500]
    with caplog.at_level(logging.INFO, logger="idp.sms"):
        ask_for_code(http)
    logged = caplog.text
    assert "SMS gateway answered 500" in logged
    assert gateway.last_code() not in logged and PHONE_E164 not in logged


# --- Console and outbox ------------------------------------------------------------------


def test_console_prints_the_message_in_development(capsys):
    BACKENDS["console"]({"ENV": "development", "DEV_OUTBOX_ENABLED": True}).send(
        PHONE_E164, "123456 adalah kode JAKI ID Anda."
    )
    assert "123456" in capsys.readouterr().out


def test_console_never_prints_the_code_in_production(capsys):
    BACKENDS["console"]({"ENV": "production"}).send(PHONE_E164, "123456 adalah kode JAKI ID Anda.", "123456")
    printed = capsys.readouterr().out
    assert "123456" not in printed and PHONE_E164 not in printed
    assert "+62 812-****-7890" in printed


def test_outbox_keeps_the_message_for_the_dev_page(http):
    ask_for_code(http, PHONE)
    [message] = http.get("/_dev/outbox").get_json()
    assert message["to"] == PHONE_E164 and message["code"] in message["body"]


def test_unknown_backend_is_an_error(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_BACKEND", "pigeon")
    with pytest.raises(RuntimeError, match="pigeon"):
        backend()


# --- Production ---------------------------------------------------------------------------

PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": "s" * 40,
    "KEY_ENCRYPTION_KEY": "bm90LXRoZS1kZXYta2V5LW5vdC10aGUtZGV2LWtleSE=",
    "CLIENT_SECRET_PEPPER": "p" * 32,
    "PAIRWISE_SALT": "a" * 32,
    "ISSUER": "https://id.jakarta.go.id",
    "SMS_BACKEND": "http",
    "RATELIMIT_STORAGE_URI": "redis://redis.internal:6379/0",
}


def test_production_accepts_an_https_gateway():
    check_production_safety(PRODUCTION | {"SMS_GATEWAY_URL": "https://sms.example.id/send"})


def test_production_refuses_a_gateway_without_https():
    with pytest.raises(RuntimeError, match="SMS_GATEWAY_URL"):
        check_production_safety(PRODUCTION | {"SMS_GATEWAY_URL": "http://sms.example.id/send"})


def test_a_send_that_fails_raises_sms_not_sent(gateway):
    gateway.answers = [400]
    backend = HttpGatewayBackend(gateway.url, "", '{"to": "{to}", "text": "{body}"}', 1, 3, 0)
    with pytest.raises(SmsNotSent):
        backend.send(PHONE_E164, "body")
