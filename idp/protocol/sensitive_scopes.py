"""Sensitive scopes travel only encrypted to the client.

A client allowed a scope of the catalogue's SENSITIVE class (idp/protocol/scopes.py:
the `nik`, specific personal data under UU PDP 27/2022 art. 4(2)) must register both
encrypted ID tokens and encrypted UserInfo (OIDC Registration §2
`id_token_encrypted_response_alg/enc`, `userinfo_encrypted_response_alg/enc`) and a
public key that can receive them, in `jwks` or at `jwks_uri`, as Singpass requires of
every relying party that receives a national ID number. The number is then readable
only by the service, never by a proxy, a log or a browser on the way.

`registration_problem` is checked wherever a client is created or changed
(idp/services/clients.validate). A client registered before the rule is refused at
the token endpoint and at UserInfo (`released_in_clear`) rather than sent the number
in clear; an operator gives it keys with `flask clients update` or the console.
"""

from idp.protocol.scopes import CATALOGUE, Sensitivity

ENCRYPTED_RESPONSES = ("id_token", "userinfo")


def sensitive_scopes(scope: str | None) -> list[str]:
    """The sensitive scopes among `scope`, in catalogue order."""
    wanted = set((scope or "").split())
    return [name for name, entry in CATALOGUE.items() if entry.sensitivity == Sensitivity.SENSITIVE and name in wanted]


def unencrypted(holder) -> list[str]:
    """The responses `holder` (a client or a ClientSpec) would receive in clear."""
    return [what for what in ENCRYPTED_RESPONSES if not getattr(holder, f"{what}_encrypted_response_alg")]


def registration_problem(spec) -> str | None:
    """What a registration allowed a sensitive scope still lacks, or None."""
    sensitive = sensitive_scopes(spec.scope)
    if not sensitive:
        return None
    missing = unencrypted(spec)
    if missing:
        members = " and ".join(f"{what}_encrypted_response_alg/enc" for what in missing)
        return (
            f"the scope {sensitive[0]} is sensitive and is released only encrypted: register {members} "
            "(RSA-OAEP-256 or ECDH-ES+A256KW with A256GCM) and a public encryption key in jwks or at jwks_uri"
        )
    if not (spec.jwks or spec.jwks_uri):
        return f"the scope {sensitive[0]} needs the client's public encryption key (jwks or jwks_uri)"
    return None


def released_in_clear(client, scope: str | None) -> str | None:
    """Why tokens for `scope` may not go to `client`: they would carry a sensitive
    claim unencrypted (a client registered before the rule). None when they may."""
    sensitive = sensitive_scopes(scope)
    missing = unencrypted(client) if sensitive else []
    if not missing:
        return None
    return (
        f"The scope {sensitive[0]} is released only encrypted, and this client has not registered "
        f"{' and '.join(f'{what}_encrypted_response_alg' for what in missing)}: "
        "JAKI ID's operators must register its encryption key first."
    )
