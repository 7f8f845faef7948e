"""Which claims each scope releases (OIDC Core 5.4)."""

from idp.protocol.pairwise import subject_for

SCOPE_CLAIMS = {
    "profile": ("name", "birthdate", "locale", "updated_at"),
    "phone": ("phone_number", "phone_number_verified"),
}
SCOPES_SUPPORTED = ("openid", "profile", "phone", "offline_access")
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
    """`sub` plus the claims of the granted scopes; nothing else."""
    claims = {"sub": subject_for(citizen, client)}
    for scope_name in scope.split():
        for claim in SCOPE_CLAIMS.get(scope_name, ()):
            value = _claim_value(citizen, claim)
            if value is not None:
                claims[claim] = value
    return claims
