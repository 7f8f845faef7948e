"""The `claims` request parameter (OIDC Core 5.5): individual claims for the ID token and
UserInfo, each possibly `essential`.

A claim asked for this way is released only if the citizen allowed the scope that holds it
(the consent page shows that scope, marked as needed when a claim of it is essential), and
only that claim: the token's `scope` stays what the `scope` parameter asked and the citizen
allowed. Claims we do not know, or whose scope the client did not register, are ignored
(5.5: "MAY ignore"), as is `value`/`values` for any claim but ones we cannot honour anyway.
"""

import json

from idp.protocol.claims import grantable_scope
from idp.protocol.errors import InvalidRequest
from idp.protocol.scopes import SCOPE_CLAIMS

TARGETS = ("userinfo", "id_token")
# claim -> the scope that releases it
SCOPE_OF = {claim: scope for scope, claims in SCOPE_CLAIMS.items() for claim in claims}


def parse(raw: str | None) -> dict:
    """The parameter as JSON; ValueError says what is malformed."""
    if raw is None:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        raise ValueError("The 'claims' parameter is not JSON.") from None
    if not isinstance(value, dict):
        raise ValueError("The 'claims' parameter must be a JSON object.")
    for target, requested in value.items():
        if target not in TARGETS:
            continue  # OIDC Core 5.5: other members are ignored
        if not isinstance(requested, dict):
            raise ValueError(f"'claims.{target}' must be a JSON object.")
        for name, request in requested.items():
            if request is not None and not isinstance(request, dict):
                raise ValueError(f"'claims.{target}.{name}' must be null or a JSON object.")
            if isinstance(request, dict) and not isinstance(request.get("essential", False), bool):
                raise ValueError(f"'claims.{target}.{name}.essential' must be true or false.")
    return value


def check(params: dict) -> InvalidRequest | None:
    try:
        parse(params.get("claims"))
    except ValueError as error:
        return InvalidRequest(str(error))
    return None


def asked(params: dict, registered: str) -> dict[str, dict[str, bool]]:
    """{target: {claim: essential}} for the claims we release that the client may ask for."""
    allowed = set(registered.split())
    result: dict[str, dict[str, bool]] = {}
    for target, requested in parse(params.get("claims")).items():
        if target not in TARGETS:
            continue
        for name, request in requested.items():
            if SCOPE_OF.get(name) in allowed:
                result.setdefault(target, {})[name] = bool(request and request.get("essential"))
    return result


def scopes_implied(params: dict, registered: str) -> list[str]:
    """The scopes whose claims the `claims` parameter asks for: the consent page asks for them."""
    return list(dict.fromkeys(SCOPE_OF[name] for claims in asked(params, registered).values() for name in claims))


def essential_scopes(params: dict, registered: str) -> set[str]:
    return {SCOPE_OF[name] for claims in asked(params, registered).values() for name, ess in claims.items() if ess}


def released(params: dict, registered: str, granted_scopes: str) -> dict[str, list[str]]:
    """What the code carries: per target, the claims asked for whose scope the citizen allowed."""
    allowed = set(granted_scopes.split())
    return {
        target: [name for name in claims if SCOPE_OF[name] in allowed]
        for target, claims in asked(params, registered).items()
    }


def consent_scope(params: dict, client) -> str:
    """What the consent page asks about: the scopes requested, plus those whose claims the
    `claims` parameter asks for (registered by the client, in catalogue order after them)."""
    asked = grantable_scope(params.get("scope"), client).split()
    if client.protected:
        return " ".join(asked)  # openid alone, whatever is asked (idp/protocol/claims.py)
    return " ".join(dict.fromkeys(asked + scopes_implied(params, client.scope)))


def claims_parameter_is_valid(request, client) -> InvalidRequest | None:
    """A REDIRECT_CHECK of idp/protocol/authorization_request.py."""
    return check(request.params)
