"""What makes one agency service different from another: a name and its scopes."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Service:
    name: str  # package name; also prefixes the session cookie
    title: str  # shown to citizens
    agency: str
    # Pairwise subject sector at JAKI ID: services in different sectors see
    # different `sub` values for the same citizen.
    sector: str
    scopes: tuple[str, ...]
    # Requested only once the provider lists them in `scopes_supported`.
    scopes_when_offered: tuple[str, ...] = ()
    # Registered with the FAPI 2.0 profile: private_key_jwt with its own key, PAR and DPoP.
    fapi2: bool = False
    # Registered as protected: JAKI ID then releases only `openid` and the pairwise
    # `sub` to it, whatever it asks for (for people who must not be traced).
    protected: bool = False
    # Why it asks for each scope (but openid): registered with JAKI ID, shown to citizens.
    purposes: dict[str, str] = field(default_factory=dict)

    @property
    def session_cookie_name(self):
        # Browsers share cookies across ports, and every demo service runs on
        # localhost: a shared name would make the services overwrite each other.
        return f"{self.name}_session"

    def scopes_to_request(self, scopes_supported):
        """The scopes to ask for, given the provider's `scopes_supported` (or None)."""
        if scopes_supported is None:
            return list(self.scopes)
        wanted = self.scopes + self.scopes_when_offered
        return [scope for scope in wanted if scope in scopes_supported]
