"""The scope catalogue: what each scope releases, how the citizen is told, how sensitive it is.

OIDC Core 5.4 defines `profile`, `phone` and `address`; §11 `offline_access`; `nik` (the
16-digit Nomor Induk Kependudukan) is ours. Discovery's `scopes_supported` and
`claims_supported` are read from here, as are the consent and account pages.
"""

import enum
from dataclasses import dataclass

from idp.protocol.errors import InvalidScope
from idp.web.i18n import N_


class Sensitivity(enum.StrEnum):
    BASIC = "basic"  # a pseudonymous identifier
    PERSONAL = "personal"  # ordinary personal data (UU PDP 27/2022 art. 4(3))
    SENSITIVE = "sensitive"  # specific personal data (art. 4(2)): highlighted, never preticked silently


@dataclass(frozen=True)
class Scope:
    name: str
    claims: tuple[str, ...]
    description: str  # English msgid; Indonesian in the catalog
    sensitivity: Sensitivity
    optional: bool = True  # the citizen may untick it on the consent page


CATALOGUE: dict[str, Scope] = {
    scope.name: scope
    for scope in (
        Scope(
            "openid",
            ("sub",),
            N_("A pseudonymous identifier for you, different for every agency"),
            Sensitivity.BASIC,
            optional=False,
        ),
        Scope(
            "profile",
            ("name", "birthdate", "gender", "locale", "updated_at"),
            N_("Your name, date of birth and gender"),
            Sensitivity.PERSONAL,
        ),
        Scope(
            "phone", ("phone_number", "phone_number_verified"), N_("Your verified phone number"), Sensitivity.PERSONAL
        ),
        Scope(
            "address",
            ("address",),
            N_("Your address (street, RT/RW, kelurahan, kecamatan, city)"),
            Sensitivity.PERSONAL,
        ),
        Scope("nik", ("nik",), N_("Your national identity number (NIK)"), Sensitivity.SENSITIVE),
        Scope(
            "offline_access",
            (),
            N_("Access while you are signed out, until you withdraw it"),
            Sensitivity.PERSONAL,
        ),
    )
}

SCOPES_SUPPORTED = tuple(CATALOGUE)
OFFLINE_ACCESS = "offline_access"
# The claims a scope releases (OIDC Core 5.4); `sub` is always released.
SCOPE_CLAIMS = {name: scope.claims for name, scope in CATALOGUE.items() if name != "openid"}
# "sid" only for clients with back-channel logout (idp/grants/code.py, encode_id_token).
CLAIMS_SUPPORTED = ("sub", "iss", "auth_time", "acr", "amr", "sid") + tuple(
    claim for claims in SCOPE_CLAIMS.values() for claim in claims
)


def in_catalogue_order(scopes: set[str] | list[str]) -> list[Scope]:
    wanted = set(scopes)
    return [scope for name, scope in CATALOGUE.items() if name in wanted]


def descriptions(scope: str) -> list[str]:
    """What the citizen is told each scope of `scope` releases (msgids), in catalogue order."""
    return [s.description for s in in_catalogue_order(scope.split())]


def scopes_are_the_clients(request, client) -> InvalidScope | None:
    """A REDIRECT_CHECK of idp/protocol/authorization_request.py: scopes we do not know are
    ignored (OIDC Core 3.1.2.1); known ones must be registered by the client."""
    if refused := not_registered(request.params.get("scope"), client.scope):
        return InvalidScope(f"The client may not ask for the scope {refused[0]!r}.")
    return None


def not_registered(requested: str | None, registered: str) -> list[str]:
    """The scopes of the catalogue that a request asks for but the client did not register."""
    allowed = set(registered.split())
    return [s for s in (requested or "").split() if s in CATALOGUE and s not in allowed]
