"""One delivery attempt (Back-Channel Logout 1.0 §2.5, §2.8): POST the logout token
form-encoded to the client's backchannel_logout_uri, within
BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS. A 200 (or 204) is done; a timeout, a
connection error or a 5xx is retried later; any other answer (the client says
the token is wrong, §2.8: 400) is recorded as a failure at once.
"""

import logging

from flask import current_app

from idp.backchannel.post import PostRefused, post_form
from idp.protocol.encryption import NoEncryptionKey
from idp.protocol.logout_token import logout_token
from idp.services import clients
from idp.services import logout_deliveries as deliveries

log = logging.getLogger(__name__)


def deliver_due() -> int:
    """Attempt every due delivery this worker can claim; return how many were delivered."""
    done = 0
    for row in deliveries.due():
        if deliveries.claim(row):
            done += attempt(row)
    return done


def attempt(row) -> bool:
    client = clients.find_live(row.client_id)
    if client is None or not client.backchannel_logout_uri:
        deliveries.attempt_failed(row, "the client is disabled or no longer has a backchannel_logout_uri", retry=False)
        return False
    try:
        token = logout_token(client, row.subject, row.session_id)
    except NoEncryptionKey as error:
        # §2.6: encrypted like its ID tokens, to a key we cannot load now (its jwks_uri is down).
        log.warning("back-channel logout to %s not encrypted: %s", client.client_id, error)
        deliveries.attempt_failed(row, f"no encryption key: {error}", retry=True)
        return False
    timeout = current_app.config["BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS"]
    try:
        status = post_form(client.backchannel_logout_uri, {"logout_token": token}, timeout)
    except PostRefused as error:
        log.warning("back-channel logout to %s failed: %s", client.client_id, error)
        deliveries.attempt_failed(row, str(error), retry=error.retry)
        return False
    if status in (200, 204):
        deliveries.delivered(row)
        return True
    log.warning("back-channel logout to %s answered HTTP %s", client.client_id, status)
    deliveries.attempt_failed(row, f"answered HTTP {status}", retry=status >= 500)
    return False
