"""Steps a citizen's browser takes at a service under test, with the fake JAKI ID."""

from urllib.parse import urlsplit

import requests


def through_jaki(http, authorization_url):
    """Let the fake JAKI ID answer the authorization request; return the callback's response."""
    answer = requests.get(authorization_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["Location"])
    return http.get(f"{callback.path}?{callback.query}")


def sign_in(http, path="/login"):
    """Sign in at the service under test and return the response after the callback."""
    started = http.get(path)
    assert started.status_code == 302, started.get_data(as_text=True)
    return through_jaki(http, started.headers["Location"])


def post_form(http, path, data):
    """Submit a form the way the page would, with its CSRF token."""
    with http.session_transaction() as session:
        token = session.setdefault("csrf_token", "test-csrf-token")
    return http.post(path, data={**data, "csrf_token": token})
