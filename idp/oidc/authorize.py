"""The authorization endpoint (OIDC Core 3.1.2, RFC 6749 §4.1, RFC 7636, RFC 9207).

GET/POST /authorize
  client_id / redirect_uri invalid ....... error page, never a redirect
  any other invalid parameter ............. redirect: error + state + iss
  needs_login? ..... prompt=none → login_required, else the sign-in pages
  needs_profile? ... prompt=none → interaction_required, else the profile page
  needs_step_up? ... acr_values asks loa:2: the TOTP page, or an offer to enrol
                     ("not now" → unmet_authentication_requirements)
  needs_consent? ... prompt=none → consent_required, else the consent page
  issue a code (single use, AUTHORIZATION_CODE_TTL_SECONDS)

The request is validated once and stored server-side as an Interaction;
the sign-in and consent pages resume it by id (bound to the browser).
"""

import re
from datetime import timedelta

from authlib.common.urls import add_params_to_uri
from flask import current_app, redirect, request, url_for
from sqlalchemy import delete

from idp.clock import now
from idp.extensions import db
from idp.grants import query_client
from idp.interaction.needs import needs_consent, needs_login, needs_profile, prompts
from idp.mfa.assurance import needs_step_up, reached
from idp.models import AuthorizationCode, Client, Interaction
from idp.oidc import bp
from idp.protocol.claims import SCOPES_SUPPORTED
from idp.protocol.id_token_hint import InvalidHint, hint_audiences, verify_id_token_hint
from idp.security import digest, random_token
from idp.services.browser_sessions import browser_id, current_session
from idp.web.errors import AuthorizeError, PageError

# RFC 6749 §3.1: request and response parameters MUST NOT be included more than once.
SINGLE_VALUED = (
    "client_id", "redirect_uri", "response_type", "response_mode", "scope", "state",
    "nonce", "prompt", "max_age", "code_challenge", "code_challenge_method",
    "id_token_hint", "login_hint", "ui_locales", "claims_locales", "acr_values", "display",
)
KEPT = SINGLE_VALUED
MAX_AGE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also accepts "²"
CODE_CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
PROMPT_VALUES = {"none", "login", "consent", "select_account"}


# --- Validation -----------------------------------------------------------------


def _incoming_params() -> dict:
    source = request.form if request.method == "POST" else request.args
    for name in ("client_id", "redirect_uri"):
        if len(source.getlist(name)) > 1:
            raise PageError("Invalid request", "The service sent a parameter more than once.")
    return {name: source.get(name) for name in KEPT if source.get(name) is not None} | {
        "_duplicates": [name for name in SINGLE_VALUED if len(source.getlist(name)) > 1]
    }


def check_client(params: dict) -> Client:
    client_id = params.get("client_id")
    if not client_id:
        raise PageError("Invalid request", "The service did not say who it is (client_id is missing).")
    return live_client(client_id)


def live_client(client_id: str) -> Client:
    client = query_client(client_id)  # None for unknown and disabled clients alike
    if client is None:
        raise PageError("Unknown service", "This service is not registered with JAKI ID.")
    return client


def check_redirect_uri(params: dict, client: Client) -> str:
    redirect_uri = params.get("redirect_uri")
    if not redirect_uri:
        # OIDC Core 3.1.2.1: REQUIRED. No fallback to a registered default.
        raise PageError("Invalid request", "The service did not say where to return (redirect_uri is missing).")
    if not client.check_redirect_uri(redirect_uri):
        raise PageError("Invalid request", "The return address is not registered for this service.")
    return redirect_uri


# Longest value we store for a parameter (the interaction row is written
# before anyone signs in, so its size must be bounded).
MAX_PARAMETER_LENGTH = {"state": 2048, "nonce": 512, "id_token_hint": 8192}
DEFAULT_MAX_PARAMETER_LENGTH = 1024


def check_parameters(params: dict, client: Client):
    """Everything after client and redirect_uri are trusted: errors redirect."""
    for name, value in params.items():
        if name != "_duplicates" and len(value) > MAX_PARAMETER_LENGTH.get(name, DEFAULT_MAX_PARAMETER_LENGTH):
            raise AuthorizeError("invalid_request", f"Parameter '{name}' is too long.")
    if params["_duplicates"]:
        raise AuthorizeError("invalid_request", f"Parameter '{params['_duplicates'][0]}' was sent more than once.")
    response_type = params.get("response_type")
    if not response_type:
        raise AuthorizeError("invalid_request", "Missing 'response_type'.")
    if response_type != "code":
        raise AuthorizeError("unsupported_response_type", "Only response_type=code is supported.")
    if params.get("response_mode") not in (None, "query"):
        raise AuthorizeError("invalid_request", "Only response_mode=query is supported.")
    if "request" in request.values:
        raise AuthorizeError("request_not_supported", "Request objects are not supported.")
    if "request_uri" in request.values:
        raise AuthorizeError("request_uri_not_supported", "request_uri is not supported.")
    if "registration" in request.values:
        raise AuthorizeError("registration_not_supported", "The registration parameter is not supported.")
    scopes = (params.get("scope") or "").split()
    if "openid" not in scopes:
        raise AuthorizeError("invalid_scope", "The 'openid' scope is required.")
    check_pkce(params, client)
    check_prompt(params)
    max_age = params.get("max_age")
    if max_age is not None and not MAX_AGE.fullmatch(max_age):
        raise AuthorizeError("invalid_request", "'max_age' must be a non-negative integer.")


def check_pkce(params: dict, client: Client):
    """RFC 7636 with RFC 9700 §2.1.1: S256 only; `plain` is refused."""
    challenge = params.get("code_challenge")
    method = params.get("code_challenge_method")
    if challenge is None:
        if method is not None:
            raise AuthorizeError("invalid_request", "'code_challenge_method' without 'code_challenge'.")
        if client.pkce_required:
            raise AuthorizeError("invalid_request", "PKCE is required: send code_challenge with method S256.")
        return
    if method != "S256":
        raise AuthorizeError("invalid_request", "Only code_challenge_method=S256 is supported.")
    if not CODE_CHALLENGE.match(challenge):
        raise AuthorizeError("invalid_request", "Invalid 'code_challenge'.")


def check_prompt(params: dict):
    values = prompts(params)
    if values - PROMPT_VALUES:
        raise AuthorizeError("invalid_request", "Unknown 'prompt' value.")
    if "none" in values and len(values) > 1:
        raise AuthorizeError("invalid_request", "prompt=none cannot be combined with other values.")


def granted_scope(params: dict, client: Client) -> str:
    """Requested scopes that we support and the client registered, in order."""
    supported = set(SCOPES_SUPPORTED)
    allowed = set(client.get_allowed_scope(params.get("scope")).split())
    seen = []
    for scope in params["scope"].split():
        if scope in supported and scope in allowed and scope not in seen:
            seen.append(scope)
    return " ".join(seen)


def hint_subject(params: dict, client: Client) -> str | None:
    hint = params.get("id_token_hint")
    if not hint:
        return None
    try:
        claims = verify_id_token_hint(hint)
    except InvalidHint:
        raise AuthorizeError("invalid_request", "The id_token_hint is not a valid ID token from JAKI ID.") from None
    if client.client_id not in hint_audiences(claims):
        raise AuthorizeError("invalid_request", "The id_token_hint was issued to another service.")
    return claims["sub"]


# --- Responses ------------------------------------------------------------------


def redirect_to_client(redirect_uri: str, params: dict, values: list[tuple[str, str]]):
    if params.get("state") is not None:
        values.append(("state", params["state"]))
    values.append(("iss", current_app.config["ISSUER"]))  # RFC 9207
    response = redirect(add_params_to_uri(redirect_uri, values), code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def error_redirect(redirect_uri: str, params: dict, error: str, description: str):
    return redirect_to_client(
        redirect_uri, params, [("error", error), ("error_description", description)]
    )


def issue_code(interaction_id: str, params: dict, client: Client, session, scope: str):
    # Finish the interaction first, in the same transaction as the code: of two
    # concurrent resumes of one request only one deletes it and gets a code.
    if not db.session.execute(delete(Interaction).where(Interaction.id == interaction_id)).rowcount:
        db.session.rollback()
        raise PageError("This sign-in has expired", "Go back to the service you came from and start again.")
    acr, amr = reached(session)  # the level actually reached, not the one asked for
    code = random_token()
    db.session.add(
        AuthorizationCode(
            code_digest=digest(code),
            client_id=client.client_id,
            citizen_id=session.citizen_id,
            redirect_uri=params["redirect_uri"],
            scope=scope,
            nonce=params.get("nonce"),
            code_challenge=params.get("code_challenge"),
            code_challenge_method=params.get("code_challenge_method"),
            sid=session.sid,
            auth_time=session.auth_time,
            acr=acr,
            amr=amr,
            expires_at=now() + timedelta(seconds=current_app.config["AUTHORIZATION_CODE_TTL_SECONDS"]),
        )
    )
    db.session.commit()
    return redirect_to_client(params["redirect_uri"], params, [("code", code)])


# --- The state machine ------------------------------------------------------------


def proceed(interaction: Interaction, client: Client | None = None):
    """Take a validated request as far as it can go without the citizen."""
    interaction_id, params = interaction.id, interaction.params  # read before any commit expires them
    # Resuming later: the client may have been disabled in between.
    client = client or live_client(interaction.client_id)
    silent = "none" in prompts(params)
    try:
        hint_sub = hint_subject(params, client)
        session = current_session()
        reason = needs_login(session, params, client, interaction, hint_sub)
        if reason:
            if silent:
                raise AuthorizeError("login_required", "The citizen is not signed in.")
            if reason == "id_token_hint_other_citizen" and interaction.authenticated_at is not None:
                # Signed in during this request, still not the hinted citizen:
                # asking again would loop (OIDC Core 3.1.2.1: login_required).
                raise AuthorizeError("login_required", "The signed-in citizen is not the one the service named.")
            return redirect(url_for("signin.phone", interaction=interaction.id))

        citizen = session.citizen
        if needs_profile(citizen):
            if silent:
                raise AuthorizeError("interaction_required", "The citizen must complete their profile.")
            return redirect(url_for("signin.profile", interaction=interaction.id))

        if needs_step_up(session, params):
            if silent:
                raise AuthorizeError("interaction_required", "A second factor is needed for this service.")
            if citizen.has_totp:
                return redirect(url_for("signin.second_factor", interaction=interaction.id))
            return redirect(url_for("signin.offer_second_factor", interaction=interaction.id))

        scope = granted_scope(params, client)
        if needs_consent(citizen, client, scope, params, interaction):
            if silent:
                raise AuthorizeError("consent_required", "The citizen has not consented to this service.")
            return redirect(url_for("signin.consent", interaction=interaction.id))
    except AuthorizeError as error:
        return finish_with_error(interaction, error.error, error.description)
    return issue_code(interaction_id, params, client, session, scope)


def finish_with_error(interaction: Interaction, error: str, description: str):
    """End the interaction and send the error to the client."""
    params = interaction.params
    db.session.delete(interaction)
    db.session.commit()
    return error_redirect(params["redirect_uri"], params, error, description)


def load_interaction(interaction_id: str | None) -> Interaction:
    """The paused request, if it belongs to this browser and is still fresh."""
    interaction = db.session.get(Interaction, interaction_id) if interaction_id else None
    if interaction is None or interaction.browser_id != browser_id() or interaction.expires_at <= now():
        raise PageError(
            "This sign-in has expired",
            "Go back to the service you came from and start again.",
        )
    return interaction


@bp.route("/authorize", methods=["GET", "POST"])
def authorize():
    if request.method == "POST" and not request.args:
        # A cross-site POST carries no SameSite=Lax cookie, so the citizen would
        # look signed out. Re-issue it as a top-level GET, which carries them.
        return redirect(url_for("oidc.authorize", **request.form.to_dict(flat=False)), code=303)
    params = _incoming_params()
    client = check_client(params)
    redirect_uri = check_redirect_uri(params, client)
    try:
        check_parameters(params, client)
    except AuthorizeError as error:
        return error_redirect(redirect_uri, params, error.error, error.description)
    params.pop("_duplicates")
    interaction = Interaction(
        id=random_token(),
        browser_id=browser_id(),
        client_id=client.client_id,
        params=params,
        expires_at=now() + timedelta(seconds=current_app.config["INTERACTION_TTL_SECONDS"]),
    )
    db.session.add(interaction)
    db.session.commit()
    return proceed(interaction, client)


@bp.route("/authorize/resume")
def resume():
    return proceed(load_interaction(request.args.get("interaction")))
