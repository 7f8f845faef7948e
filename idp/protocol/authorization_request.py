"""The authorization request (RFC 6749 §4.1.1, OIDC Core 3.1.2.1) and its rules as named checks.

Two stages, as RFC 6749 §4.1.2.1 requires:
  PAGE_CHECKS ...... who the client is and where it wants the answer: until both
                     are trusted, an error is a page for the person, never a redirect
  REDIRECT_CHECKS .. everything else: an error is redirected to the client
Each check returns an OAuthError or None; they run in the order declared here.
"""

import re
from collections.abc import Callable

from idp.mfa.assurance import essential_acr_is_reachable
from idp.models import Client
from idp.protocol.authorization_parameters import (
    DEFAULT_MAX_PARAMETER_LENGTH,
    MAX_PARAMETER_LENGTH,
    AuthorizationRequest,
    prompts,
)
from idp.protocol.claims_request import claims_parameter_is_valid
from idp.protocol.errors import (
    InvalidClient,
    InvalidRedirectUri,
    InvalidRequest,
    InvalidRequestObject,
    InvalidRequestUri,
    InvalidScope,
    OAuthError,
    RegistrationNotSupported,
    RequestUriNotSupported,
    UnknownClient,
    UnsupportedResponseType,
)
from idp.protocol.id_token_hint import InvalidHint, hint_subject
from idp.protocol.pkce import check_code_challenge
from idp.protocol.scopes import scopes_are_the_clients
from idp.web.i18n import N_
from idp.web.parameters import has_control_characters

MAX_AGE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also accepts "²"
# RFC 9449 §10: a JWK SHA-256 thumbprint (RFC 7638), base64url without padding.
JWK_THUMBPRINT = re.compile(r"[A-Za-z0-9_-]{43}")
PROMPT_VALUES = {"none", "login", "consent", "select_account"}


# --- Before the client and redirect_uri are trusted: a page, never a redirect ------------


def client_id_sent_once(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    if "client_id" in request.repeated:
        return InvalidClient("The service sent a parameter more than once.")
    if not request.params.get("client_id"):
        return InvalidClient("The service did not say who it is (client_id is missing).")
    return None


def client_and_redirect_uri_are_printable(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    # Not a parameter of ours has a use for a control character (idp/web/parameters.py).
    if has_control_characters(request.params.get("client_id", "")):
        return InvalidClient("The service identifier (client_id) contains a control character.")
    if has_control_characters(request.params.get("redirect_uri", "")):
        return InvalidRedirectUri("The return address (redirect_uri) contains a control character.")
    return None


def client_is_registered(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    # None for unknown and disabled clients alike.
    return UnknownClient("This service is not registered with JAKI ID.") if client is None else None


def pushed_request_is_usable(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    # RFC 9126 §4: unknown, expired, used, or pushed by another client: nothing in it is trusted.
    if request.request_uri is None:
        return None
    if "request_uri" in request.repeated or not request.pushed:
        # Unknown, expired, used or another service's: to the citizen, an old link.
        return InvalidRequestUri(N_("Go back to the service you came from and start again."))
    return None


UNVERIFIABLE_REQUEST_OBJECT = N_(
    "The service sent a sign-in request that JAKI ID cannot verify. Go back to the service and try again."
)


def request_object_is_verified(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    # RFC 9101 §6.3: its redirect_uri is not trusted until its signature is (the view verifies it).
    if request.request_object is not None and ("request" in request.repeated or not request.signed):
        return InvalidRequestObject(UNVERIFIABLE_REQUEST_OBJECT)
    return None


def redirect_uri_is_registered(request: AuthorizationRequest, client: Client | None) -> OAuthError | None:
    redirect_uri = request.params.get("redirect_uri")
    if "redirect_uri" in request.repeated:
        return InvalidRedirectUri("The service sent a parameter more than once.")
    if not redirect_uri:
        # OIDC Core 3.1.2.1: REQUIRED. No fallback to a registered default.
        return InvalidRedirectUri("The service did not say where to return (redirect_uri is missing).")
    if client is not None and not client.check_redirect_uri(redirect_uri):
        # Exact string comparison (RFC 9700 §4.1.3), in Client.check_redirect_uri.
        return InvalidRedirectUri("The return address is not registered for this service.")
    return None


# --- After: redirected to the client with error, state and iss ----------------------------


def parameters_are_bounded(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    for name, value in request.params.items():
        if len(value) > MAX_PARAMETER_LENGTH.get(name, DEFAULT_MAX_PARAMETER_LENGTH):
            return InvalidRequest(f"Parameter '{name}' is too long.")
    return None


def parameters_are_printable(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    for name, value in request.params.items():
        if has_control_characters(value):
            return InvalidRequest(f"Parameter '{name}' contains a control character.")
    return None


def parameters_are_not_repeated(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    if request.repeated:
        return InvalidRequest(f"Parameter '{request.repeated[0]}' was sent more than once.")
    return None


def response_type_is_code(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    response_type = request.params.get("response_type")
    if not response_type:
        return InvalidRequest("Missing 'response_type'.")
    if response_type != "code":
        return UnsupportedResponseType("Only response_type=code is supported.")
    return None


def response_mode_is_query(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    if request.params.get("response_mode") not in (None, "query"):
        return InvalidRequest("Only response_mode=query is supported.")
    return None


def no_request_object(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    if "request_uri" in request.unsupported:
        return RequestUriNotSupported("request_uri is not supported.")
    if "registration" in request.unsupported:
        return RegistrationNotSupported("The registration parameter is not supported.")
    return None


def pushed_if_required(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    # RFC 9126 §6 require_pushed_authorization_requests; FAPI 2.0 5.3.2.2-3.
    if client.requires_par and not request.pushed:
        return InvalidRequest("This service must push its authorization requests (PAR, RFC 9126).")
    return None


def scope_has_openid(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    if "openid" not in (request.params.get("scope") or "").split():
        return InvalidScope("The 'openid' scope is required.")
    return None


def pkce(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    return check_code_challenge(request.params, client)


def dpop_jkt_is_a_thumbprint(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    jkt = request.params.get("dpop_jkt")
    if jkt is not None and not JWK_THUMBPRINT.fullmatch(jkt):
        return InvalidRequest("'dpop_jkt' must be a JWK SHA-256 thumbprint (RFC 9449 §10).")
    return None


def prompt_is_valid(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    values = prompts(request.params)
    if values - PROMPT_VALUES:
        return InvalidRequest("Unknown 'prompt' value.")
    if "none" in values and len(values) > 1:
        return InvalidRequest("prompt=none cannot be combined with other values.")
    return None


def max_age_is_a_number(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    max_age = request.params.get("max_age")
    if max_age is not None and not MAX_AGE.fullmatch(max_age):
        return InvalidRequest("'max_age' must be a non-negative integer.")
    return None


def id_token_hint_is_ours(request: AuthorizationRequest, client: Client) -> OAuthError | None:
    try:
        hint_subject(request.params, client)
    except InvalidHint as error:
        return InvalidRequest(str(error))
    return None


Check = Callable[[AuthorizationRequest, Client], OAuthError | None]
PAGE_CHECKS: tuple[Callable[[AuthorizationRequest, Client | None], OAuthError | None], ...] = (
    client_id_sent_once,
    client_and_redirect_uri_are_printable,
    client_is_registered,
    pushed_request_is_usable,
    request_object_is_verified,
    redirect_uri_is_registered,
)
REDIRECT_CHECKS: tuple[Check, ...] = (
    parameters_are_bounded,
    parameters_are_printable,
    parameters_are_not_repeated,
    response_type_is_code,
    response_mode_is_query,
    pushed_if_required,
    no_request_object,
    scope_has_openid,
    scopes_are_the_clients,
    claims_parameter_is_valid,
    essential_acr_is_reachable,
    pkce,
    dpop_jkt_is_a_thumbprint,
    prompt_is_valid,
    max_age_is_a_number,
    id_token_hint_is_ours,
)


def first_error(checks, request: AuthorizationRequest, client) -> OAuthError | None:
    for check in checks:
        error = check(request, client)
        if error is not None:
            return error
    return None
