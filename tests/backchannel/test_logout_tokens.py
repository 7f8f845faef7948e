"""Back-Channel Logout 1.0: when a session ends, each client with a session in it
receives a logout token at its backchannel_logout_uri (§2.5, §2.7)."""

from sqlalchemy import select

from idp.extensions import db
from idp.models import Consent
from tests.backchannel.validation import validated_logout_token
from tests.conftest import AuthRequest, post_form, sign_in
from tests.oidc.flows import PHONE, full_flow, id_claims, tokens_for

LOGOUT_URI = "https://permits.example/signed-out"


def bcl_client(make_client, rp, **extra):
    return make_client(backchannel_logout_uri=rp.url, post_logout_redirect_uris=[LOGOUT_URI], **extra)


def end_session(http, id_token):
    return http.get("/end_session", query_string={"id_token_hint": id_token, "post_logout_redirect_uri": LOGOUT_URI})


def test_signing_out_sends_a_valid_logout_token__section_2_4(http, make_client, rp):
    client = bcl_client(make_client, rp)
    tokens = tokens_for(http, client)
    assert end_session(http, tokens["id_token"]).status_code == 303
    assert len(rp.received) == 1
    assert rp.received[0]["content_type"] == "application/x-www-form-urlencoded"  # §2.5
    claims = validated_logout_token(http, rp.tokens[0], client.client_id)
    id_token = id_claims(tokens)
    assert claims["sub"] == id_token["sub"] and claims["sid"] == id_token["sid"]
    assert claims["exp"] - claims["iat"] <= 120


def test_id_tokens_carry_a_per_client_sid_only_for_back_channel_clients(http, make_client, rp):
    with_bcl = bcl_client(make_client, rp, sector="permits.example")
    without = make_client(name="Vaksinasi", sector="vaccination.example")
    other_bcl = bcl_client(make_client, rp, name="Pajak", sector="tax.example")
    sids = [id_claims(tokens_for(http, client)).get("sid") for client in (with_bcl, without, other_bcl)]
    assert sids[0] and sids[2] and sids[1] is None
    assert sids[0] != sids[2]  # one sign-in, two sectors: nothing to link them by


def test_every_client_with_a_session_in_it_is_told(http, make_client, rp, rp2):
    permits = bcl_client(make_client, rp, sector="permits.example")
    tax = make_client(name="Pajak", sector="tax.example", backchannel_logout_uri=rp2.url)
    quiet = make_client(name="Jaklapor", sector="complaints.example")  # registered no URI
    tokens = tokens_for(http, permits)
    for client in (tax, quiet):
        tokens_for(http, client)
    end_session(http, tokens["id_token"])
    assert len(rp.received) == 1 and len(rp2.received) == 1
    validated_logout_token(http, rp2.tokens[0], tax.client_id)


def test_a_client_without_a_session_in_it_is_not_told(http, app, make_client, rp, rp2):
    permits = bcl_client(make_client, rp)
    tax = make_client(name="Pajak", sector="tax.example", backchannel_logout_uri=rp2.url)
    tokens_for(app.test_client(), tax)  # another browser, another session
    end_session(http, tokens_for(http, permits)["id_token"])
    assert len(rp.received) == 1 and rp2.received == []


def test_sign_out_everywhere_tells_the_clients_of_every_session(http, app, make_client, rp):
    client = bcl_client(make_client, rp)
    phone_browser = app.test_client()
    sids = {id_claims(tokens_for(browser, client))["sid"] for browser in (phone_browser, http)}
    post_form(http, "/account/sessions/end-all", {})
    told = {validated_logout_token(http, token, client.client_id)["sid"] for token in rp.tokens}
    assert told == sids and len(sids) == 2


def test_signing_out_another_device_tells_its_clients(http, app, make_client, rp):
    client = bcl_client(make_client, rp)
    phone_browser = app.test_client()
    phone_sid = id_claims(tokens_for(phone_browser, client))["sid"]
    tokens_for(http, client)
    from idp.models import BrowserSession

    other = db.session.scalars(select(BrowserSession).order_by(BrowserSession.id)).first()
    post_form(http, f"/account/sessions/{other.id}/end", {})
    assert [validated_logout_token(http, t, client.client_id)["sid"] for t in rp.tokens] == [phone_sid]


def test_withdrawing_consent_tells_only_that_client(http, make_client, rp, rp2):
    permits = bcl_client(make_client, rp)
    tax = make_client(name="Pajak", sector="tax.example", backchannel_logout_uri=rp2.url)
    tokens_for(http, permits)
    tokens_for(http, tax)
    consent = db.session.scalar(select(Consent).where(Consent.client_id == tax.client_id))
    post_form(http, f"/account/services/{consent.id}/revoke", {})
    assert rp.received == [] and len(rp2.received) == 1
    validated_logout_token(http, rp2.tokens[0], tax.client_id)


def test_signing_in_again_as_the_same_citizen_tells_no_one(http, make_client, rp):
    client = bcl_client(make_client, rp)
    tokens_for(http, client)
    auth = AuthRequest(client, prompt="login")
    full_flow(http, auth)
    assert rp.received == []


def test_services_of_a_replaced_session_are_told_when_its_successor_ends(http, make_client, rp, rp2):
    permits = bcl_client(make_client, rp)
    tax = make_client(name="Pajak", sector="tax.example", backchannel_logout_uri=rp2.url)
    permits_sid = id_claims(tokens_for(http, permits))["sid"]
    auth = AuthRequest(tax, prompt="login")  # the tax office asks for a fresh sign-in
    tax_tokens = auth.token_request(http, full_flow(http, auth)["code"]).get_json()
    assert rp.received == []
    http.get("/end_session", query_string={"id_token_hint": tax_tokens["id_token"]})
    assert validated_logout_token(http, rp.tokens[0], permits.client_id)["sid"] == permits_sid
    assert len(rp2.received) == 1


def test_another_citizen_signing_in_on_the_browser_ends_the_first_session(http, make_client, rp):
    client = bcl_client(make_client, rp)
    tokens_for(http, client)
    sign_in(http, "081298765432", AuthRequest(client, prompt="login").start(http).location)
    assert len(rp.received) == 1


def test_a_phone_change_tells_the_clients_of_the_other_sessions(http, app, make_client, rp):
    from tests.account.test_phone_change import change_to

    client = bcl_client(make_client, rp)
    phone_browser = app.test_client()
    phone_sid = id_claims(tokens_for(phone_browser, client))["sid"]
    tokens_for(http, client)
    sign_in(http, PHONE, AuthRequest(client, prompt="login").start(http).location)
    change_to(http)
    assert phone_sid in [validated_logout_token(http, t, client.client_id)["sid"] for t in rp.tokens]
    assert len(rp.received) == 1


def test_discovery_advertises_back_channel_logout_with_sessions(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["backchannel_logout_supported"] is True
    assert metadata["backchannel_logout_session_supported"] is True
