"""An authorization request pushed to /par (RFC 9126), then started with its request_uri."""

from tests.conftest import AuthRequest


class PushedAuthRequest(AuthRequest):
    """AuthRequest whose `start` pushes the parameters, then sends only client_id and request_uri."""

    request_uri: str | None = None

    def client_authentication(self) -> tuple[dict, tuple | None]:
        """Form fields and HTTP Basic credentials that authenticate the client."""
        return {}, (self.client.client_id, self.client.secret)

    def push(self, http, headers=None, **extra):
        fields, basic = self.client_authentication()
        data = {name: value for name, value in (self.params | fields | extra).items() if value is not None}
        return http.post("/par", data=data, auth=basic, headers=headers or {})

    def start(self, http):
        response = self.push(http)
        assert response.status_code == 201, response.get_data(as_text=True)
        self.request_uri = response.get_json()["request_uri"]
        return self.authorize(http)

    def authorize(self, http, **extra):
        query = {"client_id": self.client.client_id, "request_uri": self.request_uri} | extra
        return http.get("/authorize", query_string=query)
