"""Back-Channel Logout 1.0 §2.6: a client that registered encrypted ID tokens gets its
logout token encrypted the same way (signed, then encrypted to its key), and one in
clear to a client that did not."""

from sqlalchemy import select

from idp.extensions import db
from idp.models import LogoutDelivery
from idp.outbound import client_jwks
from tests.agency_server import AgencyServer
from tests.backchannel.test_logout_tokens import bcl_client, end_session
from tests.backchannel.validation import validated_logout_token
from tests.encryption_keys import ALG, ENC, RP_KEY, decrypt, encrypted_responses, id_token_claims, is_jwe, public_jwks
from tests.oidc.flows import tokens_for


def test_a_client_with_encrypted_id_tokens_gets_an_encrypted_logout_token__section_2_6(http, make_client, rp):
    client = bcl_client(make_client, rp, **encrypted_responses())
    tokens = tokens_for(http, client)
    end_session(http, signed_id_token(tokens))
    (token,) = rp.tokens
    assert is_jwe(token)
    claims = validated_logout_token(http, decrypt(token).decode(), client.client_id)
    assert claims["sid"] == id_token_claims(tokens)["sid"]


def signed_id_token(tokens) -> str:
    """RP-Initiated Logout 1.0 §2: a client sends the signed ID token inside the encrypted one."""
    return decrypt(tokens["id_token"]).decode()


def test_the_logout_token_is_encrypted_with_the_id_token_algorithm_only(http, make_client, rp):
    # Only ID tokens encrypted (no sensitive scope): the logout token follows them, not UserInfo.
    client = bcl_client(
        make_client,
        rp,
        jwks=public_jwks(),
        id_token_encrypted_response_alg=ALG,
        id_token_encrypted_response_enc=ENC,
    )
    end_session(http, signed_id_token(tokens_for(http, client)))
    assert is_jwe(rp.tokens[0])
    validated_logout_token(http, decrypt(rp.tokens[0], RP_KEY, ALG).decode(), client.client_id)


def test_a_client_without_encryption_gets_a_signed_logout_token(http, make_client, rp):
    client = bcl_client(make_client, rp)
    end_session(http, tokens_for(http, client)["id_token"])
    assert rp.tokens[0].count(".") == 2  # a JWS, readable by a client with no key of its own


def test_a_key_that_cannot_be_fetched_is_retried_not_sent_in_clear(http, make_client, rp):
    agency = AgencyServer()
    try:
        uri = agency.serve_json("/jwks.json", public_jwks())
        client = bcl_client(make_client, rp, **(encrypted_responses() | {"jwks": None, "jwks_uri": uri}))
        tokens = tokens_for(http, client)
        agency.answers.clear()  # the client's jwks_uri is down when the session ends
        client_jwks.forget()
        end_session(http, signed_id_token(tokens))
    finally:
        agency.close()
    assert rp.received == []
    row = db.session.scalar(select(LogoutDelivery))
    assert row.delivered_at is None and row.failed_at is None and "no encryption key" in row.last_error
