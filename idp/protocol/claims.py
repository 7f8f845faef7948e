"""Which claims each scope releases (OIDC Core 5.4)."""

from idp.protocol.pairwise import subject_for
from idp.web.i18n import N_

SCOPE_CLAIMS = {
    "profile": ("name", "birthdate", "locale", "updated_at"),
    "phone": ("phone_number", "phone_number_verified"),
}
# What the citizen is told each scope releases (shown on the consent and account pages).
SCOPE_DESCRIPTIONS = {
    "openid": N_("A pseudonymous identifier for you, different for every agency"),
    "profile": N_("Your name and date of birth"),
    "phone": N_("Your verified phone number"),
}
SCOPES_SUPPORTED = ("openid", "profile", "phone", "offline_access")
# "sid" only for clients with back-channel logout (idp/grants/code.py, encode_id_token).
CLAIMS_SUPPORTED = ("sub", "iss", "auth_time", "acr", "amr", "sid") + tuple(
    claim for claims in SCOPE_CLAIMS.values() for claim in claims
)


def _claim_value(citizen, claim):
    if claim == "birthdate":
        return citizen.birthdate.isoformat() if citizen.birthdate else None
    if claim == "updated_at":
        return int(citizen.updated_at.timestamp())
    return getattr(citizen, claim)


def claims_for(citizen, client, scope: str) -> dict:
    """`sub` plus the claims of the granted scopes; nothing else (a protected client: `sub` alone)."""
    claims = {"sub": subject_for(citizen, client)}
    if client.protected:
        return claims
    for scope_name in scope.split():
        for claim in SCOPE_CLAIMS.get(scope_name, ()):
            value = _claim_value(citizen, claim)
            if value is not None:
                claims[claim] = value
    return claims


def grantable_scope(requested: str | None, client) -> str:
    """The requested scopes we support and the client registered, in order, once each.

    A protected client gets `openid` alone, whatever it asks for: a complainant's
    service must hold nothing that names them or links them to another service."""
    allowed = set(client.get_allowed_scope(requested).split())
    if client.protected:
        allowed &= {"openid"}
    return " ".join(dict.fromkeys(s for s in (requested or "").split() if s in SCOPES_SUPPORTED and s in allowed))
