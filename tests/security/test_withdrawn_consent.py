"""A withdrawn consent releases nothing more (a sibling of finding 4 of the security review):
not through a code issued before the withdrawal, nor through a refresh racing it."""

from sqlalchemy import func, select

from idp.extensions import db
from idp.models import Consent, Token
from tests.conftest import AuthRequest, post_form
from tests.oidc.flows import assert_oauth_error, full_flow, refresh, tokens_for


def live_tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(Token).where(Token.revoked_at.is_(None)))


def withdraw(http):
    consent_id = db.session.scalar(select(Consent.id))
    http.get("/account/services")
    return post_form(http, f"/account/services/{consent_id}/revoke", {})


def test_a_code_redeemed_after_the_consent_was_withdrawn_gets_no_tokens(http, make_client):
    auth = AuthRequest(make_client())
    code = full_flow(http, auth)["code"]
    assert withdraw(http).status_code == 303
    assert_oauth_error(auth.token_request(http, code), "invalid_grant")
    assert live_tokens() == 0


def test_a_refresh_after_the_consent_was_withdrawn_gets_no_tokens(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    withdraw(http)
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")
    assert live_tokens() == 0
