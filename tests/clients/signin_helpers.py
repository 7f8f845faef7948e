"""Steps a citizen's browser takes at a service under test, with the fake JAKI ID."""

from html.parser import HTMLParser
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


class _InputCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and "name" in attributes:
            self.inputs[attributes["name"]] = attributes


def form_inputs(page):
    """The page's <input> elements by name, each as a dict of its attributes."""
    collector = _InputCollector()
    collector.feed(page)
    return collector.inputs


class _ClaimsCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = {}
        self._table = self._claim = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attributes.get("id"), {})
        elif tag == "td" and "data-claim" in attributes:
            self._claim = attributes["data-claim"]
            self._table[self._claim] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self._claim = None

    def handle_data(self, data):
        if self._claim:
            self._table[self._claim] += data


def received_claims(page, table_id="userinfo-claims"):
    """The claims a service page lists as received, by name, as displayed."""
    collector = _ClaimsCollector()
    collector.feed(page)
    return collector.tables.get(table_id, {})
