"""Races between worker processes, on PostgreSQL with a connection each (gunicorn's shape).

One code redeemed at once by several: one token response, the others invalid_grant,
and (RFC 6749 §4.1.2) the redemptions after the first count as reuse, so what the
first got is revoked. One refresh token used at once by several: one new pair, the
others invalid_grant, the family revoked (RFC 9700 §4.14.2: a rotated token presented
again is reuse, however close together). Wrong SMS codes at once: never more tries
than OTP_MAX_ATTEMPTS. Workers starting at once: one signing key per algorithm.
"""

from sqlalchemy import func, select

from idp.extensions import db
from idp.models import BrowserSession, OtpChallenge, SigningKey, Token
from idp.protocol import keys
from tests.conftest import AuthRequest, csrf_of, latest_sms, post_form
from tests.oidc.flows import PHONE, assert_oauth_error, full_flow, refresh
from tests.oidc.test_key_publication import no_keys_yet
from tests.operations.processes import in_processes, needs_postgresql

PROCESSES = 4


class Answer:
    """A child's (status, JSON) in the shape assert_oauth_error reads."""

    mimetype = "application/json"

    def __init__(self, status, body):
        self.status_code, self.body = status, body
        self.headers = {"Cache-Control": "no-store"}

    def get_json(self):
        return self.body

    def get_data(self, as_text=False):
        return str(self.body)


def live_tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(Token).where(Token.revoked_at.is_(None)))


def test_one_code_redeemed_by_several_processes_gives_one_token_response_rfc6749_4_1_2(http, make_client):
    needs_postgresql()
    auth = AuthRequest(make_client())
    code = full_flow(http, auth)["code"]

    answers = in_processes(PROCESSES, lambda: auth.token_request(http, code))

    assert [status for status, _ in answers].count(200) == 1, answers
    for status, body in answers:
        if status != 200:
            assert_oauth_error(Answer(status, body), "invalid_grant")
    assert live_tokens() == 0  # the others were reuse: the first one's tokens are revoked


def test_one_refresh_token_used_by_several_processes_gives_one_new_pair_rfc9700_4_14_2(http, make_client):
    needs_postgresql()
    client = make_client()
    auth = AuthRequest(client)
    tokens = auth.token_request(http, full_flow(http, auth)["code"]).get_json()

    answers = in_processes(PROCESSES, lambda: refresh(http, client, tokens["refresh_token"]))

    assert [status for status, _ in answers].count(200) == 1, answers
    for status, body in answers:
        if status != 200:
            assert_oauth_error(Answer(status, body), "invalid_grant")
    assert live_tokens() == 0  # reuse revoked the family, the new pair with it


def test_wrong_sms_codes_from_several_processes_never_exceed_the_attempt_limit(app, http):
    needs_postgresql()
    post_form(http, "/signin", {"phone": PHONE})
    right = latest_sms(http)["code"]
    wrong = next(code for code in ("000000", "111111", "222222") if code != right)
    csrf = csrf_of(http)
    limit = app.config["OTP_MAX_ATTEMPTS"]

    in_processes(limit + 3, lambda: http.post("/signin/code", data={"csrf_token": csrf, "code": wrong}))

    assert db.session.scalar(select(OtpChallenge.attempts)) == limit
    post_form(http, "/signin/code", {"code": right})  # too late: the tries are used up
    assert db.session.scalar(select(func.count()).select_from(BrowserSession)) == 0


def test_workers_starting_at_once_create_one_signing_key_per_algorithm(app):
    needs_postgresql()
    no_keys_yet(app)

    answers = in_processes(PROCESSES, lambda: app.test_client().get("/jwks.json"))

    assert all(status == 200 for status, _ in answers)
    published = [sorted(key["kid"] for key in body["keys"]) for _, body in answers]
    assert all(kids == published[0] for kids in published)
    assert db.session.scalar(select(func.count()).select_from(SigningKey)) == len(keys.SUPPORTED_ALGS)
