"""Finding 3 of issue 8: a second use of a code racing the first left the first's tokens alive.

RFC 6749 §4.1.2: a code used more than once MUST be refused, and the tokens it
issued SHOULD be revoked. The winner consumed the code and committed, then
minted and saved its tokens; a reuse landing in between revoked nothing (there
was nothing yet) and the tokens saved a moment later stayed alive. Now a reuse
marks the code, and the tokens are saved only in a transaction that finds the
code unmarked and holds its row until they are in (the same transaction that
consumes the code, since the code and its tokens are written together).
"""

import threading

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.grants.code import AuthorizationCodeGrant
from idp.models import AuthorizationCode, Token
from idp.security import digest
from tests.conftest import AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow

ROUNDS = 25


def live_tokens_of(code_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Token).where(Token.code_id == code_id, Token.revoked_at.is_(None))
    )


def code_id_of(code: str) -> int:
    return db.session.scalar(select(AuthorizationCode.id).where(AuthorizationCode.code_digest == digest(code)))


def test_finding_3_a_reuse_between_consuming_and_issuing_leaves_no_live_token_rfc6749_4_1_2(
    app, http, make_client, monkeypatch
):
    if db.engine.dialect.name == "postgresql":
        # There the code's row stays locked from its consumption until its tokens are
        # committed, so a second redemption cannot land in between: it waits, and run
        # from inside the first request it would wait forever. The parallel test below
        # and tests/operations/test_races_in_processes.py race them for real.
        pytest.skip("the interleaving cannot happen on PostgreSQL (the code's row is locked)")
    auth = AuthRequest(make_client())
    code = full_flow(http, auth)["code"]
    real_consume = AuthorizationCodeGrant.consume
    reuse = []

    def consume_then_reuse(grant, row):
        real_consume(grant, row)
        if not reuse:  # the second request arrives after the first consumed the code
            reuse.append(auth.token_request(app.test_client(), code))

    monkeypatch.setattr(AuthorizationCodeGrant, "consume", consume_then_reuse)
    first = auth.token_request(http, code)

    assert_oauth_error(reuse[0], "invalid_grant")
    assert_oauth_error(first, "invalid_grant")
    assert live_tokens_of(code_id_of(code)) == 0


@pytest.mark.parametrize("parallel", [2, 3])
def test_finding_3_parallel_redemptions_never_leave_a_live_token_on_postgresql(app, http, make_client, parallel):
    """Real parallel connections, many rounds: at most one redemption gets tokens,
    and none of them stays alive (the race the review won 25 rounds out of 25)."""
    if db.engine.dialect.name != "postgresql":
        # SQLite in memory shares one connection between sessions (StaticPool):
        # no parallel transactions to race. The test above covers the interleaving.
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    client = make_client()
    full_flow(http, AuthRequest(client))  # signed in, consent given: each round's code comes silently
    for _ in range(ROUNDS):
        auth = AuthRequest(client, prompt="none")
        code = auth.result(auth.start(http))["code"]
        start = threading.Barrier(parallel, timeout=10)
        responses = []

        def redeem(auth=auth, code=code, start=start, responses=responses):
            browser = app.test_client()
            start.wait()
            responses.append(auth.token_request(browser, code))

        threads = [threading.Thread(target=redeem) for _ in range(parallel)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        statuses = sorted(response.status_code for response in responses)
        assert len(statuses) == parallel and statuses.count(200) <= 1, statuses
        for response in responses:
            if response.status_code != 200:
                assert_oauth_error(response, "invalid_grant")
        assert live_tokens_of(code_id_of(code)) == 0
