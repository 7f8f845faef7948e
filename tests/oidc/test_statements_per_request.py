"""What a signed-in citizen's sign-in to a service reads: each row once, and rows read
together in one statement where the next step needs both."""

import re

from tests.conftest import AuthRequest
from tests.oidc.flows import tokens_for
from tests.statements import statements_counted

SELECT_FROM = re.compile(r"^\s*SELECT\s.*?\sFROM\s+(\w+)", re.S)


def tables_selected(statements):
    return [match.group(1) for statement in statements if (match := SELECT_FROM.match(statement))]


def silent_authorization(http, client):
    tokens_for(http, client)  # signed in, consent given
    auth = AuthRequest(client, prompt="none")
    return auth, auth.start(http)


def test_a_silent_authorization_reads_the_consent_once(http, client):
    tokens_for(http, client)
    with statements_counted() as seen:
        response = AuthRequest(client, prompt="none").start(http)
    assert "code=" in response.location
    assert tables_selected(seen).count("consent") == 1


def test_a_silent_authorization_reads_the_session_with_its_citizen(http, client):
    tokens_for(http, client)
    with statements_counted() as seen:
        AuthRequest(client, prompt="none").start(http)
    assert "citizen" not in tables_selected(seen)  # read in the session's own SELECT


def test_a_code_is_redeemed_with_its_citizen_read_in_the_same_select(http, client):
    auth, response = silent_authorization(http, client)
    code = AuthRequest.result(response)["code"]
    with statements_counted() as seen:
        assert auth.token_request(http, code).status_code == 200
    assert "citizen" not in tables_selected(seen)
    assert tables_selected(seen).count("authorization_code") == 1
