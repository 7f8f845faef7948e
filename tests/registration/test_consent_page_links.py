"""logo_uri, policy_uri and tos_uri (OIDC Registration §2) on the consent page:
the citizen sees whose logo, and can read the service's policy and terms."""

from tests.conftest import AuthRequest, sign_in
from tests.oidc.flows import PHONE
from tests.registration.conftest import as_client, registered

URIS = {
    "logo_uri": "https://static.permits.example/logo.png",
    "policy_uri": "https://permits.example/privacy",
    "tos_uri": "https://permits.example/terms",
}


def consent_page(http, client):
    response = AuthRequest(client).start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    assert "/consent" in response.location
    return http.get(response.location, headers={"Accept-Language": "en"})


def test_the_consent_page_shows_the_logo_policy_and_terms(http, token):
    page = consent_page(http, as_client(registered(http, token, **URIS)))
    html = page.get_data(as_text=True)
    assert f'src="{URIS["logo_uri"]}"' in html
    assert f'href="{URIS["policy_uri"]}"' in html and "Privacy policy of Perizinan Online" in html
    assert f'href="{URIS["tos_uri"]}"' in html and "Terms of use of Perizinan Online" in html
    # Only the logo's origin is added to what images may load from.
    assert "img-src 'self' data: https://static.permits.example;" in page.headers["Content-Security-Policy"]


def test_without_them_the_page_has_no_empty_links_and_the_usual_policy(http, token):
    page = consent_page(http, as_client(registered(http, token)))
    html = page.get_data(as_text=True)
    assert "service-links" not in html and "service-logo" not in html
    assert "img-src 'self' data:;" in page.headers["Content-Security-Policy"]
