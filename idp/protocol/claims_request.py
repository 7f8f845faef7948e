"""The `claims` request parameter (OIDC Core 5.5): individual claims for the ID token and
UserInfo, each possibly `essential`.

A claim asked for this way is released only if the citizen allowed the scope that holds it
(the consent page shows that scope, marked as needed when a claim of it is essential), and
only that claim: the token's `scope` stays what the `scope` parameter asked and the citizen
allowed. Claims we do not know, or whose scope the client did not register, are ignored
(5.5: "MAY ignore").

`value` and `values` (5.5.1) matter for two claims of the ID token, and are kept to:
- `sub` with a `value`: a positive answer only for that citizen (5.5.1: "MUST NOT reply with
  an ID Token or Access Token for a different user"): another citizen signed in is asked to
  sign in, and with prompt=none, or still another citizen after signing in, gets
  login_required (idp/interaction/needs.py);
- `acr` with `value`/`values` (5.5.1.1): read like acr_values, so loa:2 steps up; when
  `essential`, the `acr` returned is one of the values, and values none of which we can
  reach are a failed authentication: unmet_authentication_requirements at once
  (idp/mfa/assurance.py).
For every other claim they are hints about what the client would like; 5.5.1 lets us ignore
them, and we do: a claim's value is the citizen's, never what a client proposes.
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
            if isinstance(request, dict):
                _check_member(target, name, request)
    return value


def _check_member(target: str, name: str, request: dict) -> None:
    where = f"'claims.{target}.{name}"
    if not isinstance(request.get("essential", False), bool):
        raise ValueError(f"{where}.essential' must be true or false.")
    if "values" in request and not isinstance(request["values"], list):
        raise ValueError(f"{where}.values' must be a JSON array.")  # 5.5.1
    if name in ("sub", "acr"):  # the two whose values we act on: strings (OIDC Core 2)
        if "value" in request and not isinstance(request["value"], str):
            raise ValueError(f"{where}.value' must be a string.")
        if not all(isinstance(v, str) for v in request.get("values", [])):
            raise ValueError(f"{where}.values' must be strings.")


def _id_token_request(params: dict, name: str) -> dict:
    """What the parameter asks of one ID token claim ({} if nothing); call once checked."""
    request = parse(params.get("claims")).get("id_token", {}).get(name)
    return request if isinstance(request, dict) else {}


def requested_subject(params: dict) -> str | None:
    """The `sub` the ID token must have (5.5.1), if the client named one."""
    return _id_token_request(params, "sub").get("value")


def requested_acr(params: dict) -> tuple[list[str], bool]:
    """The acr values the ID token's `acr` is asked to have, in order, and whether essential."""
    request = _id_token_request(params, "acr")
    wanted = [request["value"]] if "value" in request else list(request.get("values", []))
    return wanted, bool(request.get("essential")) and bool(wanted)


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
