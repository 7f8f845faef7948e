"""Finding 2 of issue 8: `sid` and `auth_time` linked a citizen across sectors.

Every service got the browser session's `sid` and `auth_time`, so two services of
different sectors could join their pairwise `sub`s (OIDC Core 8.1) through them.
Now only a service with back-channel logout gets a `sid` (Back-Channel Logout 1.0
§2.4), and a per-sector one, like `sub`; RP-Initiated Logout works without it. And
`auth_time` goes only where OIDC Core 2 / 3.1.2.1 ask for it. The tokens stay
bound to the browser session's own id, which never leaves the provider.
"""

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import BrowserSession
from tests.conftest import AuthRequest
from tests.oidc.flows import id_claims, tokens_for

# Claims the same for everyone (iss), a token's own (iat, exp), or a level any
# two citizens share (acr, amr).
NOT_LINKING = {"iss", "iat", "exp", "acr", "amr"}


def test_finding_2_two_sectors_share_nothing_of_one_sign_in(http, make_client):
    permits = make_client(sector="perizinan.jakarta.go.id")
    complaints = make_client(name="Jaklapor", sector="jaklapor.jakarta.go.id")
    first = id_claims(tokens_for(http, permits))
    second = id_claims(tokens_for(http, complaints))
    shared = {name for name, value in first.items() if second.get(name) == value}
    assert shared <= NOT_LINKING


@pytest.mark.parametrize("logout_uris", [[], ["https://permits.example/signed-out"]])
def test_finding_2_a_service_without_back_channel_logout_gets_no_sid(http, make_client, logout_uris):
    claims = id_claims(tokens_for(http, make_client(post_logout_redirect_uris=logout_uris)))
    assert "sid" not in claims
    assert db.session.scalar(select(BrowserSession.sid)) not in claims.values()


def test_finding_2_back_channel_services_get_a_per_sector_sid_never_the_sessions_own(http, make_client):
    uri = "https://permits.example/backchannel"
    permits = make_client(sector="perizinan.jakarta.go.id", backchannel_logout_uri=uri)
    complaints = make_client(name="Jaklapor", sector="jaklapor.jakarta.go.id", backchannel_logout_uri=uri)
    first = id_claims(tokens_for(http, permits))
    second = id_claims(tokens_for(http, complaints))
    assert first["sid"] and second["sid"] and first["sid"] != second["sid"]
    assert db.session.scalar(select(BrowserSession.sid)) not in (first["sid"], second["sid"])


def test_finding_2_auth_time_only_when_the_request_asks_for_it_oidc_core_2(http, make_client):
    assert "auth_time" not in id_claims(tokens_for(http, make_client()))


def test_finding_2_max_age_gets_the_real_auth_time_oidc_core_3_1_2_1(http, make_client, clock):
    client = make_client()
    tokens_for(http, client)
    clock.advance(120)
    claims = id_claims(tokens_for(http, AuthRequest(client, max_age="3600")))
    assert claims["auth_time"] == db.session.scalar(select(BrowserSession.auth_time))


def test_finding_2_prompt_login_gets_auth_time(http, make_client):
    claims = id_claims(tokens_for(http, AuthRequest(make_client(), prompt="login")))
    assert claims["auth_time"] == db.session.scalar(select(BrowserSession.auth_time))


def test_finding_2_discovery_offers_sid_only_with_back_channel_logout_oidc_discovery_3(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert "sid" in metadata["claims_supported"]
    assert metadata["frontchannel_logout_supported"] is False
    assert metadata["backchannel_logout_supported"] is True and metadata["backchannel_logout_session_supported"] is True


def test_finding_2_a_logout_hint_from_an_earlier_sign_in_asks_the_citizen_rp_initiated_logout_2(
    http, make_client, clock
):
    """Without a `sid`, the hint's `iat` tells an earlier sign-in's ID token from this one's."""
    logout_uri = "https://permits.example/signed-out"
    client = make_client(post_logout_redirect_uris=[logout_uri])
    earlier = tokens_for(http, client)
    clock.advance(30)
    current = tokens_for(http, AuthRequest(client, prompt="login"))
    response = http.get(
        "/end_session", query_string={"id_token_hint": earlier["id_token"], "post_logout_redirect_uri": logout_uri}
    )
    assert response.status_code == 200 and "Location" not in response.headers
    response = http.get(
        "/end_session", query_string={"id_token_hint": current["id_token"], "post_logout_redirect_uri": logout_uri}
    )
    assert response.status_code == 303 and response.location == logout_uri
