"""POSTing the logout token to the client (Back-Channel Logout 1.0 §2.5): the
form-encoded `logout_token` to its backchannel_logout_uri, which must still pass
the registration's rule (https, or loopback http in development: a URI registered
in development is never posted to elsewhere). It goes through the guarded
outbound connection (idp/outbound/fetch.py): the host's every address must be
public (loopback in development), and the POST connects to the address that was
checked, so an agency cannot aim it at the internal network. No redirect is
followed (§2.5 gives none), the answer's body is not read, and the whole POST has
`timeout_seconds`.
"""

import time
from urllib.parse import urlencode

from idp.outbound.addresses import AddressRefused, FetchRefused
from idp.outbound.fetch import send
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
        response = send(
            "POST",
            url,
            time.monotonic() + timeout_seconds,
            body=urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cache-Control": "no-store"},
        )
    except AddressRefused as error:
        raise PostRefused(f"not posted: {error}", retry=False) from None
    except FetchRefused as error:
        raise PostRefused(str(error), retry=True) from None
    response.release_conn()  # only the status counts (§2.8)
    return response.status
