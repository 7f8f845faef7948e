"""A demo service's requests to the issuer, answered by the real provider's Flask
test client in the same process (requests' transport adapter)."""

from urllib.parse import urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from tests.conftest import ISSUER


class ProviderAdapter(requests.adapters.BaseAdapter):
    """Sends a request for the issuer to the provider's Flask test client."""

    def __init__(self, provider_http):
        super().__init__()
        self.provider_http = provider_http
        self.answers: list = []  # (path, the provider's response), in order

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        answer = self.provider_http.open(
            url.path, query_string=url.query, method=request.method, headers=dict(request.headers), data=request.body
        )
        self.answers.append((url.path, answer))
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.get_data()
        response.headers = CaseInsensitiveDict(answer.headers)
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


def route_to_provider(monkeypatch, provider_http) -> ProviderAdapter:
    """Every requests session (Authlib's too) sends what is for ISSUER to the provider."""
    adapter = ProviderAdapter(provider_http)
    get_adapter = requests.Session.get_adapter
    monkeypatch.setattr(
        requests.Session,
        "get_adapter",
        lambda session, url: adapter if url.startswith(ISSUER) else get_adapter(session, url),
    )
    return adapter
