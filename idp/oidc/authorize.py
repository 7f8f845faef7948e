"""The authorization endpoint (OIDC Core 3.1.2, RFC 6749 §4.1, RFC 7636, RFC 9207).

GET/POST /authorize
  the request's rules ...... idp/protocol/authorization_request.py, named checks in order:
                             client, pushed request_uri (RFC 9126), request object
                             (RFC 9101) or redirect_uri wrong → a page, never a redirect;
                             anything else wrong → a redirect with error, state and iss
  what happens next ........ idp/interaction/: the request is stored server-side as the
                             authorization transaction and moved on by `proceed`; each
                             client address may start only so many (idp/web/sign_in_limit.py)
GET /authorize/resume ...... the same transaction, once the citizen has done a step
"""

import logging
from typing import Any

from flask import redirect, request, url_for

from idp.interaction import transaction
from idp.interaction.flow import error_redirect, proceed
from idp.oidc import bp
from idp.oidc.request_objects import verified_parameters
from idp.protocol.authorization_request import (
    PAGE_CHECKS,
    REDIRECT_CHECKS,
    UNVERIFIABLE_REQUEST_OBJECT,
    AuthorizationRequest,
    first_error,
)
from idp.protocol.errors import InvalidRequestObject, OAuthError
from idp.services import clients, pushed_requests
from idp.web.parameters import reject_control_characters
from idp.web.sign_in_limit import count_sign_in_start

log = logging.getLogger(__name__)


@bp.route("/authorize", methods=["GET", "POST"])
def authorize():
    if request.method == "POST" and not request.args:
        # A cross-site POST carries no SameSite=Lax cookie, so the citizen would
        # look signed out. Re-issue it as a top-level GET, which carries them.
        query: dict[str, Any] = request.form.to_dict(flat=False)  # each name with all its values
        return redirect(url_for("oidc.authorize", **query), code=303)
    authorization_request = AuthorizationRequest.parse(request.args if request.method == "GET" else request.form)
    authorization_request = _with_pushed(authorization_request)
    client = clients.find_live(authorization_request.client_id)
    if authorization_request.request_object is not None and client is not None:
        authorization_request = _with_signed(authorization_request, client)
    error = first_error(PAGE_CHECKS, authorization_request, client)
    if error is not None:
        raise error.as_page()
    assert client is not None  # PAGE_CHECKS passed, client_is_registered among them
    error = first_error(REDIRECT_CHECKS, authorization_request, client)
    if error is not None:
        return error_redirect(authorization_request.params, error)
    count_sign_in_start()  # the transaction is a row stored before anyone signs in
    params: dict[str, str | None] = dict(authorization_request.params)
    if authorization_request.pushed:
        # Consumed when the authorization completes (idp/interaction/flow.py issue_code).
        params = params | {"request_uri": authorization_request.request_uri}
    interaction = transaction.start(client.client_id, params)
    return proceed(interaction, client)


def _with_signed(authorization_request: AuthorizationRequest, client) -> AuthorizationRequest:
    """RFC 9101 §6.3: a request object stands for the parameters it signs."""
    if authorization_request.repeated:
        return authorization_request  # refused by the PAGE_CHECKS
    assert authorization_request.request_object is not None
    try:
        params = verified_parameters(authorization_request.request_object, client)
    except OAuthError as error:
        log.info("request object of %s refused: %s", client.client_id, error.description)
        raise InvalidRequestObject(UNVERIFIABLE_REQUEST_OBJECT).as_page() from None
    return authorization_request.with_signed(params)


def _with_pushed(authorization_request: AuthorizationRequest) -> AuthorizationRequest:
    """RFC 9126 §4: a request_uri of ours stands for the parameters its client pushed."""
    client_id = authorization_request.client_id
    if authorization_request.request_uri is None or client_id is None or authorization_request.repeated:
        return authorization_request  # refused by the PAGE_CHECKS
    pushed = pushed_requests.find_usable(authorization_request.request_uri, client_id)
    return authorization_request if pushed is None else authorization_request.with_pushed(pushed.params)


@bp.route("/authorize/resume")
def resume():
    reject_control_characters()  # a page, like the sign-in pages it returns from
    return proceed(transaction.load(request.args.get("interaction")))
