"""POSTing the logout token to the client (Back-Channel Logout 1.0 §2.5): the
form-encoded `logout_token` to its backchannel_logout_uri, which must still pass
the registration's rule (https, or loopback http in development: a URI registered
in development is never posted to elsewhere). No redirect is followed (§2.5
gives none), the answer's body is not read, and each connect and read has
`timeout_seconds`.
"""

import requests

from idp.protocol.token_metadata import backchannel_logout_problem
from idp.services.clients import loopback_http_allowed


class PostRefused(ValueError):
    """The POST did not happen or got no answer; `retry` says whether trying later may help."""

    def __init__(self, message: str, retry: bool):
        super().__init__(message)
        self.retry = retry


def post_form(url: str, form: dict[str, str], timeout_seconds: float) -> int:
    """POST `form` to `url`; the HTTP status of the answer."""
    problem = backchannel_logout_problem(url, False, loopback_http_allowed())
    if problem:
        raise PostRefused(f"not posted: {problem}", retry=False)
    try:
        with requests.post(
            url,
            data=form,
            timeout=timeout_seconds,
            allow_redirects=False,
            stream=True,  # only the status counts (§2.8)
            headers={"User-Agent": "JAKI-ID", "Cache-Control": "no-store"},
        ) as response:
            return response.status_code
    except requests.RequestException as error:
        raise PostRefused(f"{url} could not be reached ({type(error).__name__})", retry=True) from None
