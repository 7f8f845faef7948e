"""Which claims each scope releases (OIDC Core 5.4), and their values.

The catalogue of scopes is idp/protocol/scopes.py.
"""

from idp.citizen_data import address
from idp.protocol.pairwise import subject_for
from idp.protocol.scopes import SCOPE_CLAIMS, SCOPES_SUPPORTED


def _claim_value(citizen, claim):
    if claim == "birthdate":
        return citizen.birthdate.isoformat() if citizen.birthdate else None
    if claim == "updated_at":
        return int(citizen.updated_at.timestamp())
    if claim == "address":
        return address.claim(citizen.address)
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


def named_claims(citizen, names: list[str]) -> dict:
    """The values of single claims (the claims parameter), those the citizen has."""
    values = {name: _claim_value(citizen, name) for name in names}
    return {name: value for name, value in values.items() if value is not None}


def grantable_scope(requested: str | None, client) -> str:
    """The requested scopes we support and the client registered, in order, once each.

    A protected client gets `openid` alone, whatever it asks for: a complainant's
    service must hold nothing that names them or links them to another service."""
    allowed = set(client.get_allowed_scope(requested).split())
    if client.protected:
        allowed &= {"openid"}
    return " ".join(dict.fromkeys(s for s in (requested or "").split() if s in SCOPES_SUPPORTED and s in allowed))
