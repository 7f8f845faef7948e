"""The authorization request's parameters as received (RFC 6749 §4.1.1, OIDC Core 3.1.2.1):
the ones we keep, how long they may be, and where they came from: the query or form, a
pushed request (RFC 9126) or a signed request object (RFC 9101).

Its rules are named checks in idp/protocol/authorization_request.py.
"""

from dataclasses import dataclass, replace

from werkzeug.datastructures import MultiDict

from idp.protocol.par import is_pushed_request_uri
from idp.web.parameters import has_control_characters

# RFC 6749 §3.1: request parameters MUST NOT be included more than once. These are
# also the only ones we keep: unknown parameters are ignored (RFC 6749 §3.1).
SINGLE_VALUED = (
    "client_id", "redirect_uri", "response_type", "response_mode", "scope", "state",
    "nonce", "prompt", "max_age", "code_challenge", "code_challenge_method",
    "id_token_hint", "login_hint", "ui_locales", "claims_locales", "acr_values", "display",
    "dpop_jkt", "claims",
)  # fmt: skip
# Present at all (even empty), these are refused with their own OIDC error codes
# (a request_uri of our PAR endpoint and a request object are not: see `parse`).
UNSUPPORTED = ("request_uri", "registration")
# The longest value we keep: the interaction row is written before anyone signs in.
# Tight for the values that are short by nature: an id_token_hint is an ID token
# of ours (at most ~1.5 KB, with a 512-character nonce and RSA-2048: tests/security/
# test_authorize_flood.py measures it), a login_hint a phone number, the others a few words.
MAX_PARAMETER_LENGTH = {
    "state": 2048,
    "nonce": 512,
    "id_token_hint": 2048,
    "login_hint": 64,
    "ui_locales": 64,
    "claims_locales": 64,
    "acr_values": 128,
    "claims": 2048,  # OIDC Core 5.5, compact JSON
    "prompt": 64,
    "display": 16,
    "max_age": 16,
    "response_type": 64,
    "response_mode": 32,
    "code_challenge": 128,  # RFC 7636 §4.2: 43 to 128 characters
    "code_challenge_method": 16,
    "dpop_jkt": 64,
}
DEFAULT_MAX_PARAMETER_LENGTH = 1024


@dataclass(frozen=True)
class AuthorizationRequest:
    params: dict[str, str]  # the single-valued parameters we keep, first value of each
    repeated: tuple[str, ...]  # parameter names sent more than once
    unsupported: tuple[str, ...]  # request / request_uri / registration, if sent
    # RFC 9126 §4: the request_uri of a pushed request, sent to /authorize, and whether
    # `params` are that pushed request's (the only parameters then used).
    request_uri: str | None = None
    pushed: bool = False
    # RFC 9101: a request object sent to /authorize, and whether `params` are its verified claims.
    request_object: str | None = None
    signed: bool = False

    @property
    def client_id(self) -> str | None:
        """The client_id to look the client up by; None when PAGE_CHECKS refuse it anyway,
        so the database never sees a control character (PostgreSQL fails on NUL)."""
        client_id = self.params.get("client_id")
        return None if client_id is None or has_control_characters(client_id) else client_id

    @classmethod
    def parse(cls, values: MultiDict) -> "AuthorizationRequest":
        request_uri = values.get("request_uri")
        if is_pushed_request_uri(request_uri) or ("request" in values and "request_uri" not in values):
            # Only client_id counts until `with_pushed` or `with_signed` (or a page check refuses).
            kept = ("client_id", "request_uri", "request")
            return cls(
                params={"client_id": values["client_id"]} if "client_id" in values else {},
                repeated=tuple(name for name in kept if len(values.getlist(name)) > 1),
                unsupported=(),
                request_uri=request_uri if is_pushed_request_uri(request_uri) else None,
                request_object=None if is_pushed_request_uri(request_uri) else values["request"],
            )
        return cls(
            params={name: values[name] for name in SINGLE_VALUED if name in values},
            repeated=tuple(name for name in SINGLE_VALUED if len(values.getlist(name)) > 1),
            unsupported=tuple(name for name in UNSUPPORTED if name in values),
        )

    def with_signed(self, params: dict) -> "AuthorizationRequest":
        """RFC 9101 §6.3: the request object's verified parameters, and no others."""
        return replace(self.parse(MultiDict(params)), request_object=self.request_object, signed=True)

    def as_pushed(self) -> "AuthorizationRequest":
        """This request, being pushed (at the PAR endpoint)."""
        return AuthorizationRequest(self.params, self.repeated, self.unsupported, pushed=True)

    def with_pushed(self, params: dict) -> "AuthorizationRequest":
        """RFC 9126 §4: the pushed parameters, and no others (FAPI 2.0: those outside PAR are ignored)."""
        return AuthorizationRequest(
            params=dict(params), repeated=(), unsupported=(), request_uri=self.request_uri, pushed=True
        )


def prompts(params: dict) -> set[str]:
    return set((params.get("prompt") or "").split())
