"""Why a service asks for each scope: its purposes, written at registration.

UU PDP 27/2022 art. 20-22: consent is to a stated purpose. The consent page shows each
requested scope's purpose, and the consent log keeps the text and its version.
"""

PURPOSE_MAX_LENGTH = 300
# A purpose may also be given in another language than the agency's, as `scope:en`.
TRANSLATED_TO = ("en", "id")


def scope_of(key: str) -> str:
    return key.split(":", 1)[0]


def shown(purposes: dict[str, str], scope: str, locale: str) -> str | None:
    """The purpose of `scope` in the page's language if the service wrote one, else as written."""
    return purposes.get(f"{scope}:{locale}") or purposes.get(scope)


def tidy(purposes: dict[str, str]) -> dict[str, str]:
    return {scope.strip(): " ".join(text.split()) for scope, text in purposes.items()}


def problem(scopes: list[str], purposes: dict[str, str]) -> str | None:
    """What is wrong with the purposes of a client registering `scopes`, or None: every
    scope but openid needs one (`scope`, optionally also `scope:en`), and no purpose may
    name a scope it does not register."""
    purposes = tidy(purposes)
    missing = [s for s in scopes if s != "openid" and not purposes.get(s)]
    if missing:
        return f'each scope but openid needs a purpose: --purpose {missing[0]}="why the service needs it"'
    stray = [key for key in purposes if scope_of(key) not in scopes or scope_of(key) == "openid"]
    stray += [key for key in purposes if ":" in key and key.split(":", 1)[1] not in TRANSLATED_TO]
    if stray:
        return f"a purpose for {stray[0]!r}, which is not one of this client's scopes that needs one"
    for scope, text in purposes.items():
        if len(text) > PURPOSE_MAX_LENGTH or not text.isprintable():
            return f"the purpose of {scope} must be one line of at most {PURPOSE_MAX_LENGTH} characters"
    return None


def parse(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`scope=text` pairs, as the command line takes them; ValueError says what is wrong."""
    purposes: dict[str, str] = {}
    for pair in pairs:
        scope, separator, text = pair.partition("=")
        scope = scope.strip()
        if not separator or not scope:
            raise ValueError(f'--purpose takes scope="text", not {pair!r}')
        if scope in purposes:
            raise ValueError(f"two purposes for {scope}")
        purposes[scope] = text
    return purposes
