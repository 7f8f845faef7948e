"""Structured logs: JSON lines with the request's id; a number masked, never a code,
a token or a secret, whatever a line quotes."""

import io
import json
import logging

import pytest

from idp.operations.logs import REDACTED, json_handler
from tests.conftest import AuthRequest, latest_sms
from tests.oidc.flows import full_flow, refresh

E164 = "+6281234567890"


@pytest.fixture
def log_lines():
    """Every log record, as the production handler writes it."""
    stream = io.StringIO()
    handler = json_handler(stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def record(message, *args, exc_info=None):
    logger = logging.getLogger("idp.test")
    return logger.makeRecord("idp.test", logging.ERROR, __file__, 1, message, args, exc_info)


def formatted(message, *args, **kwargs) -> dict:
    stream = io.StringIO()
    json_handler(stream).handle(record(message, *args, **kwargs))
    return json.loads(stream.getvalue())


def test_a_phone_number_is_masked():
    line = formatted("sent to %s and to 081298765432", E164)
    assert line["message"] == "sent to +62 812-****-7890 and to +62 812-****-5432"


def test_codes_tokens_and_secrets_are_redacted():
    line = formatted("code %s token %s secret %s", "482913", "Xy3_kQ9vT2mLp8RsWz4nB7cD1fGh", "a" * 10 + "B1" * 10)
    assert line["message"] == f"code {REDACTED} token {REDACTED} secret {REDACTED}"


def test_an_exception_quoting_a_number_is_masked_too():
    try:
        raise ValueError(f"INSERT failed [parameters: ('{E164}', '123456')]")
    except ValueError:
        import sys

        line = formatted("store failed", exc_info=sys.exc_info())
    assert E164 not in line["exception"] and "123456" not in line["exception"]
    assert "+62 812-****-7890" in line["exception"]


def test_readable_words_stay():
    assert formatted("GET /.well-known/openid-configuration 200")["message"].endswith("openid-configuration 200")


def test_each_request_gets_an_id_in_its_log_lines_and_its_response(http, log_lines):
    response = http.get("/healthz")
    request_id = response.headers["X-Request-ID"]
    access = [line for line in log_lines() if line["logger"] == "idp.access"]
    assert access[-1]["request_id"] == request_id
    assert access[-1] | {"path": "/healthz", "status": 200, "method": "GET"} == access[-1]


def test_the_load_balancers_request_id_is_kept(http):
    assert http.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c21"}).headers["X-Request-ID"] == "lb-7f3a9c21"


def test_a_request_id_that_is_not_an_id_is_replaced(http):
    replaced = http.get("/healthz", headers={"X-Request-ID": "x\u00e9<script>"}).headers["X-Request-ID"]
    assert len(replaced) == 32 and int(replaced, 16) >= 0


def test_a_whole_sign_in_logs_no_number_code_token_or_secret(http, make_client, log_lines):
    client = make_client()
    auth = AuthRequest(client, prompt="login")
    result = full_flow(http, auth, phone=E164)
    code = latest_sms(http)["code"]
    tokens = auth.token_request(http, result["code"]).get_json()
    refresh(http, client, tokens["refresh_token"])
    refresh(http, client, tokens["refresh_token"])  # reuse: logged as a warning, the family revoked
    auth.token_request(http, result["code"])  # a reused code: logged too
    lines = log_lines()
    text = "\n".join(json.dumps(line) for line in lines)
    assert any(line["level"] == "WARNING" for line in lines)  # the reuse lines are there
    issued = [tokens["access_token"], tokens["refresh_token"], tokens["id_token"]]
    for secret in (E164, "81234567890", code, result["code"], client.secret, *issued):
        assert str(secret) not in text
    assert all("request_id" in line for line in lines if line["logger"] != "idp.test")
    assert "?" not in " ".join(line.get("path", "") for line in lines)  # no query string (state, code)
