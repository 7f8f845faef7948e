"""Initial access tokens (RFC 7591 §3): issued by an operator to one agency,
they let it register clients within their scopes and sector until they expire
or are revoked. The value is shown once; we keep its SHA-256."""

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import Client, InitialAccessToken
from idp.protocol.claims import SCOPES_SUPPORTED
from idp.security import digest, random_token

# A sector is a host name (OIDC Core 8.1): letters, digits, dots and hyphens.
SECTOR = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")
MAX_DAYS = 365


class InvalidAccessTokenRequest(ValueError):
    pass


@dataclass
class Issued:
    row: InitialAccessToken
    token: str  # shown once


def issue(agency: str, scopes: str, sector: str, expires_in_days: int) -> Issued:
    agency = agency.strip()
    if not agency or len(agency) > 100 or not agency.isprintable():
        raise InvalidAccessTokenRequest("the agency name must be 1 to 100 printable characters")
    requested = list(dict.fromkeys(scopes.split()))
    unknown = [scope for scope in requested if scope not in SCOPES_SUPPORTED]
    if "openid" not in requested or unknown:
        raise InvalidAccessTokenRequest(
            f"scopes must include openid and only {list(SCOPES_SUPPORTED)}; unknown: {unknown}"
        )
    sector = sector.strip().lower()
    if not SECTOR.match(sector):
        raise InvalidAccessTokenRequest("the sector must be a host name, such as pajak.jakarta.go.id")
    if not 1 <= expires_in_days <= MAX_DAYS:
        raise InvalidAccessTokenRequest(f"expires-in must be 1 to {MAX_DAYS} days")
    token = random_token()
    row = InitialAccessToken(
        token_digest=digest(token),
        agency=agency,
        scopes=" ".join(requested),
        sector=sector,
        expires_at=now() + timedelta(days=expires_in_days),
    )
    db.session.add(row)
    db.session.flush()  # its id, for the event
    details = {
        "token_id": row.id,
        "agency": row.agency,
        "scopes": row.scopes,
        "sector": row.sector,
        "days": expires_in_days,
    }
    audit_log.append(audit.AGENCY_TOKEN_ISSUED, details=details)
    db.session.commit()
    return Issued(row, token)


def find_valid(token: str | None) -> InitialAccessToken | None:
    """The token's row if it may register now (not expired, not revoked)."""
    if not token:
        return None
    row = db.session.scalar(select(InitialAccessToken).where(InitialAccessToken.token_digest == digest(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= now():
        return None
    return row


def get(token_id: int | None) -> InitialAccessToken | None:
    return db.session.get(InitialAccessToken, token_id) if token_id is not None else None


def all_tokens() -> list[InitialAccessToken]:
    return list(db.session.scalars(select(InitialAccessToken).order_by(InitialAccessToken.id.desc())))


def clients_registered() -> dict[int, int]:
    """Initial access token id → how many clients were registered with it."""
    query = (
        select(Client.initial_access_token_id, func.count())
        .where(Client.initial_access_token_id.is_not(None))
        .group_by(Client.initial_access_token_id)
    )
    return {token_id: count for token_id, count in db.session.execute(query) if token_id is not None}


def revoke(row: InitialAccessToken) -> bool:
    """No more registrations with it (the clients it registered stay). False if already revoked."""
    if row.revoked_at is not None:
        return False
    row.revoked_at = now()
    audit_log.append(audit.AGENCY_TOKEN_REVOKED, details={"token_id": row.id, "agency": row.agency})
    db.session.commit()
    return True


def status(row: InitialAccessToken) -> str:
    if row.revoked_at is not None:
        return "revoked"
    return "expired" if row.expires_at <= now() else "active"
