"""Finding 13: the dev SMS outbox keeps its JSON for tools and gives a browser a page.

One URL, two representations (RFC 9110 §12.5.1, proactive negotiation on Accept).
"""

import re

from tests.conftest import latest_sms, post_form

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def send_codes(http, *phones):
    for phone in phones:
        assert post_form(http, "/signin", {"phone": phone}).status_code == 303


def test_finding_13_tools_keep_the_json_outbox(http):
    send_codes(http, "081111111111")

    for accept in (None, "*/*", "application/json"):
        response = http.get("/_dev/outbox", headers={"Accept": accept} if accept else {})
        assert response.mimetype == "application/json", accept
        assert [m["to"] for m in response.get_json()] == ["+6281111111111"]
        assert "Accept" in response.vary


def test_finding_13_a_browser_gets_a_readable_page_newest_first_with_the_code_prominent(http):
    send_codes(http, "081111111111", "082233445566")
    newest = latest_sms(http)

    response = http.get("/_dev/outbox", headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "en"})

    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Accept" in response.vary and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert '<meta name="viewport"' in page
    assert page.index("+6282233445566") < page.index("+6281111111111")
    assert f"<strong>{newest['code']}</strong>" in re.sub(r"\s+", " ", page)
    assert " WIB</time>" in page


def test_finding_13_an_empty_outbox_page_says_how_to_get_a_code(http):
    page = http.get("/_dev/outbox", headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)

    assert "Belum ada pesan" in page
