"""What the consent page shows for each requested scope, and the citizen's ticks read back.

OIDC Core 3.1.2.4: the citizen decides what to share. Each scope is shown with what it
releases, the service's purpose for it and its sensitivity; optional ones can be unticked
(openid cannot: it is how the service knows the citizen at all).
"""

from dataclasses import dataclass

from idp.models import Client
from idp.protocol.scopes import Sensitivity, in_catalogue_order
from idp.services import client_purposes
from idp.services.consent_log import ConsentState


@dataclass(frozen=True)
class ScopeChoice:
    name: str
    description: str  # msgid
    purpose: str | None  # the service's own words, not translated
    sensitive: bool
    optional: bool
    ticked: bool
    essential: bool  # a claim of it is `essential` in the claims parameter (OIDC Core 5.5.1)


def choices(
    scope: str, client: Client, earlier: ConsentState | None, locale: str, essential: set[str]
) -> list[ScopeChoice]:
    """The page's rows; a scope left unticked before starts unticked again."""
    declined = set(earlier.declined.split()) if earlier is not None and earlier.standing else set()
    return [
        ScopeChoice(
            name=s.name,
            description=s.description,
            purpose=client_purposes.shown(client.purposes, s.name, locale),
            sensitive=s.sensitivity == Sensitivity.SENSITIVE,
            optional=s.optional,
            ticked=s.name not in declined,
            essential=s.name in essential,
        )
        for s in in_catalogue_order(scope.split())
    ]


def purposes_shown(scope: str, client: Client, locale: str) -> dict[str, str]:
    """What the consent log keeps: each asked scope's purpose as the page showed it."""
    texts = {s: client_purposes.shown(client.purposes, s, locale) for s in scope.split()}
    return {s: text for s, text in texts.items() if text}


def answer(scope: str, form) -> tuple[str, str]:
    """(allowed, declined) from the submitted form: of the optional scopes the page offered
    (`offered`), the ticked ones (`scope`); the others are allowed as asked. Without
    `offered` (a form that shows no choices) everything asked is allowed."""
    offered = set(form.get("offered", "").split())
    ticked = set(form.getlist("scope"))
    asked = scope.split()
    declined = [s for s in asked if s in offered and s not in ticked and _optional(s)]
    return " ".join(s for s in asked if s not in declined), " ".join(declined)


def _optional(name: str) -> bool:
    return all(s.optional for s in in_catalogue_order([name]))
