"""OAuth 2.0 and OpenID Connect error codes at the authorization endpoint, one class each.

RFC 6749 §4.1.2.1: an error about the client or its redirection URI MUST NOT be
redirected (the page tells the person instead); every other error is sent to the
client's redirect_uri. Each class knows which kind it is (`redirects`), like
node-oidc-provider's `allow_redirect`. OIDC Core 3.1.2.6 adds the codes for
prompt=none and request objects.
"""

from typing import ClassVar

from idp.web.errors import PageError
from idp.web.i18n import N_


class OAuthError(Exception):
    error: ClassVar[str]
    # False: the client or redirect_uri is not trusted, so the person reads a page.
    redirects: ClassVar[bool] = True
    # The page title when it cannot be redirected (a translation key).
    title: ClassVar[str] = N_("Invalid request")

    def __init__(self, description: str):
        super().__init__(description)
        self.description = description

    def as_page(self) -> PageError:
        return PageError(self.title, self.description)


class InvalidClient(OAuthError):
    """RFC 6749 §4.1.2.1: the client identifier is missing or invalid; never redirected."""

    error = "invalid_client"
    redirects = False


class UnknownClient(InvalidClient):
    """Not registered, or disabled: the page names it as an unknown service."""

    title = N_("Unknown service")


class InvalidRedirectUri(OAuthError):
    """RFC 6749 §4.1.2.1: missing, invalid or mismatching redirection URI; never redirected."""

    error = "invalid_request"
    redirects = False


class InvalidRequest(OAuthError):
    """RFC 6749 §4.1.2.1: a missing, invalid or repeated parameter, or a malformed request."""

    error = "invalid_request"


class UnsupportedResponseType(OAuthError):
    """RFC 6749 §4.1.2.1: only response_type=code is served."""

    error = "unsupported_response_type"


class InvalidScope(OAuthError):
    """RFC 6749 §4.1.2.1: the requested scope is invalid, unknown or malformed."""

    error = "invalid_scope"


class AccessDenied(OAuthError):
    """RFC 6749 §4.1.2.1: the citizen (resource owner) said no."""

    error = "access_denied"


class InvalidRequestObject(OAuthError):
    """OIDC Core 3.1.2.6, RFC 9101 §6.3: the request object is invalid. The redirect_uri
    it carries cannot be trusted, so at /authorize a page, never a redirect."""

    error = "invalid_request_object"
    redirects = False


class RequestUriNotSupported(OAuthError):
    """OIDC Core 3.1.2.6: the `request_uri` parameter is not supported."""

    error = "request_uri_not_supported"


class InvalidRequestUri(OAuthError):
    """OIDC Core 3.1.2.6, RFC 9126 §4: the request_uri is unknown, expired, used or
    another client's. Its parameters are what we would trust, so never redirected; the
    citizen most likely reloaded a finished sign-in or waited too long."""

    error = "invalid_request_uri"
    redirects = False
    title = N_("This sign-in has expired")


class RegistrationNotSupported(OAuthError):
    """OIDC Core 3.1.2.6: the `registration` parameter is not supported."""

    error = "registration_not_supported"


class LoginRequired(OAuthError):
    """OIDC Core 3.1.2.6: prompt=none, and the citizen must sign in."""

    error = "login_required"


class InteractionRequired(OAuthError):
    """OIDC Core 3.1.2.6: prompt=none, and the citizen must do something on a page."""

    error = "interaction_required"


class ConsentRequired(OAuthError):
    """OIDC Core 3.1.2.6: prompt=none, and the citizen has not consented."""

    error = "consent_required"


class UnmetAuthenticationRequirements(OAuthError):
    """OpenID Connect Core errata set 2, 3.1.2.6: the requested acr cannot be met."""

    error = "unmet_authentication_requirements"
