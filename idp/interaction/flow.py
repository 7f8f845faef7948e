"""Moving an authorization transaction on: to the next page, to a session, to the client.

`proceed` asks idp/interaction/steps.py what comes next and acts on it: a page
redirect, starting the browser session once the sign-in is complete, or the
answer to the client (a code, or an error with `state` and `iss`, RFC 9207).
`step_done` is the same for a sign-in page that just did its step; `at_step`
keeps a page to its own step.
"""

from datetime import timedelta

from authlib.common.urls import add_params_to_uri
from flask import abort, current_app, redirect, url_for
from sqlalchemy import delete, insert, inspect
from sqlalchemy.orm.exc import ObjectDeletedError

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db, rows_changed, table
from idp.interaction import transaction
from idp.interaction.steps import NextStep, Step, next_step
from idp.mfa.assurance import reported
from idp.models import AuthorizationCode, BrowserSession, Client, Interaction
from idp.protocol import claims_request
from idp.protocol.authorization_request import prompts
from idp.protocol.claims import grantable_scope
from idp.protocol.errors import OAuthError
from idp.protocol.fapi2 import code_lifetime_seconds
from idp.security import digest, random_token
from idp.services import clients, consents, pushed_requests
from idp.services.browser_sessions import current_session, record_second_factor, start_session
from idp.web.errors import PageError
from idp.web.i18n import N_

SMS = ["sms"]
SMS_AND_AUTHENTICATOR = ["sms", "otp", "mfa"]  # RFC 8176


def client_of(interaction: Interaction) -> Client | None:
    """The waiting client; it may have been disabled since the request came in."""
    if interaction.client_id is None:
        return None
    client = clients.find_live(interaction.client_id)
    if client is None:
        raise PageError("Unknown service", N_("This service is not registered with JAKI ID."))
    return client


def page_url(step: Step, interaction: Interaction | None) -> str:
    """A sign-in page's URL, naming the transaction."""
    return url_for(step.value, interaction=interaction.id) if interaction else url_for(step.value)


def proceed(interaction: Interaction, client: Client | None = None):
    """Take the transaction as far as it can go without the citizen."""
    client = client or client_of(interaction)
    while True:
        try:
            upcoming = next_step(interaction, client, current_session())
        except OAuthError as error:
            return finish_with_error(interaction, error)
        if upcoming.step is Step.START_SESSION:
            _start_session(interaction, upcoming)
            continue
        if upcoming.step is Step.FINISH:
            return _finish(interaction, client, upcoming)
        transaction.keep(interaction)  # the page will name it
        return redirect(page_url(upcoming.step, interaction), code=303)


def step_done(interaction: Interaction):
    """After a sign-in page did its step: the next sign-in page, or back to the authorization
    endpoint once the citizen is signed in (which then asks for consent or answers the client)."""
    upcoming = next_step_or_none(interaction)
    if upcoming is not None and upcoming.signing_in and upcoming.step.is_page:
        return redirect(page_url(upcoming.step, interaction), code=303)
    if upcoming is not None and upcoming.step is Step.START_SESSION:
        _start_session(interaction, upcoming)
    if interaction.client_id is None:
        return proceed(interaction)
    return redirect(url_for("oidc.resume", interaction=interaction.id))


def at_step(step: Step) -> tuple[Interaction, NextStep]:
    """A page's guard: this page's transaction, at this page's step; else the browser goes
    where the transaction is (a sign-in page when there is none)."""
    interaction = transaction.current()
    if interaction is None:
        abort(redirect(page_url(Step.PHONE, None)))
    upcoming = next_step_or_none(interaction)
    if upcoming is None or upcoming.step is not step:
        abort(proceed(interaction))
    return interaction, upcoming


def next_step_or_none(interaction: Interaction) -> NextStep | None:
    try:
        return next_step(interaction, client_of(interaction), current_session())
    except OAuthError:
        return None


def _start_session(interaction: Interaction, upcoming: NextStep) -> None:
    with_authenticator = interaction.second_factor_at is not None
    amr = SMS_AND_AUTHENTICATOR if with_authenticator else SMS
    # Written by start_session's commit, with the session it records.
    audit_log.append(
        audit.SIGNIN_SUCCEEDED, citizen_id=upcoming.who.id, client_id=interaction.client_id, details={"amr": amr}
    )
    session = start_session(upcoming.who, amr=amr)
    if with_authenticator:
        record_second_factor(session)
    transaction.signed_in(interaction)


def _finish(interaction: Interaction, client: Client | None, upcoming: NextStep):
    if client is None or upcoming.session is None:
        return_to = interaction.return_to
        transaction.end(interaction)
        return redirect(return_to or url_for("home.index"))
    return issue_code(interaction, client, upcoming.session)


# Built once, run with its values, on the table: it is on every authorization.
_INSERT_CODE = insert(table(AuthorizationCode))


def issue_code(interaction: Interaction, client: Client, session: BrowserSession):
    """RFC 6749 §4.1.2: the code, single use, bound to client, redirect_uri, PKCE and the session."""
    try:
        params = interaction.params
    except ObjectDeletedError:  # another request finished it since this one loaded it
        raise transaction.EXPIRED from None
    # Finish the interaction first, in the same transaction as the code: of two
    # concurrent resumes of one request only one deletes it and gets a code. One never
    # stored (answered in the request that started it) no other request can know.
    if transaction.is_stored(interaction) and not rows_changed(
        delete(Interaction).where(Interaction.id == _id_of(interaction))
    ):
        db.session.rollback()
        raise transaction.EXPIRED
    if params.get("request_uri") and not pushed_requests.consume(params["request_uri"]):
        # RFC 9126 §4, FAPI 2.0 5.3.2.2-12: one code per pushed request; another tab got it.
        db.session.rollback()
        raise transaction.EXPIRED
    acr, amr = reported(session, params)  # the level actually reached, not the one asked for
    lifetime = code_lifetime_seconds(current_app.config["AUTHORIZATION_CODE_TTL_SECONDS"], client)
    consent = consents.find(session.citizen_id, client.client_id)
    granted = consent.granted_of if consent is not None else lambda _scope: ""
    code = random_token()
    db.session.execute(
        _INSERT_CODE,
        dict(
            code_digest=digest(code),
            client_id=client.client_id,
            citizen_id=session.citizen_id,
            redirect_uri=params["redirect_uri"],
            # Exactly what the citizen allowed of what was asked (OIDC Core 3.1.2.4).
            scope=granted(grantable_scope(params.get("scope"), client)),
            # OIDC Core 5.5: single claims asked for, of the scopes the citizen allowed.
            claims=claims_request.released(
                params,
                client.scope,
                granted(claims_request.consent_scope(params, client)),
            )
            or None,
            nonce=params.get("nonce"),
            code_challenge=params.get("code_challenge"),
            code_challenge_method=params.get("code_challenge_method"),
            dpop_jkt=params.get("dpop_jkt"),  # RFC 9449 §10
            sid=session.sid,
            auth_time=session.auth_time if _asks_for_auth_time(params) else None,
            acr=acr,
            amr=amr,
            expires_at=now() + timedelta(seconds=lifetime),
        ),
    )
    db.session.commit()
    return redirect_to_client(params, [("code", code)])


def _id_of(interaction: Interaction) -> str:
    identity = inspect(interaction).identity
    assert identity is not None  # a stored row (transaction.keep/load), so it has its primary key
    return identity[0]


def _asks_for_auth_time(params: dict) -> bool:
    """OIDC Core 3.1.2.1: max_age makes auth_time REQUIRED; a service asking for a fresh
    sign-in (prompt=login) checks it too. Otherwise it stays out of the ID token: the
    sign-in's time is the same at every service, so it would link their subjects."""
    return params.get("max_age") is not None or "login" in prompts(params)


def finish_with_error(interaction: Interaction, error: OAuthError):
    """End the transaction and send the error to the client (or, without one, show it)."""
    params = interaction.params
    transaction.end(interaction)
    if interaction.client_id is None:
        raise error.as_page()
    return error_redirect(params, error)


def redirect_to_client(params: dict, values: list[tuple[str, str]]):
    if params.get("state") is not None:
        values.append(("state", params["state"]))
    values.append(("iss", current_app.config["ISSUER"]))  # RFC 9207
    response = redirect(add_params_to_uri(params["redirect_uri"], values), code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def error_redirect(params: dict, error: OAuthError):
    return redirect_to_client(params, [("error", error.error), ("error_description", error.description)])
