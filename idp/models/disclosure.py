"""What was actually released to a service: claim names, never their values."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime

# Where claims leave the provider: the token endpoint's ID token, UserInfo, introspection.
ENDPOINTS = ("id_token", "userinfo", "introspection")


class Disclosure(Model):
    """One release of claims about a citizen to a client (UU PDP 27/2022: the citizen's
    right to know who received their data). Kept when the account closes: the citizen
    id is then a random identifier that names no one."""

    __tablename__ = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    endpoint: Mapped[str] = mapped_column(String(20))
    claims: Mapped[str] = mapped_column(Text)  # the claim names, space-separated
    disclosed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # The citizen as the audit log names them (idp/audit/pseudonyms.py), for auditors.
    # None on rows recorded before disclosures were sealed in batches (each has its own event).
    citizen_pseudonym: Mapped[str | None] = mapped_column(String(24), index=True)
    # The batch that sealed this row into the audit log (idp/audit/disclosure_seals.py).
    sealed_in: Mapped[str | None] = mapped_column(String(32), index=True)

    @property
    def claim_names(self) -> list[str]:
        return self.claims.split()
