"""Pairwise subject identifiers (OIDC Core 8.1).

sub = b64url(HMAC-SHA256(pairwise_salt, sector || citizen.id)): stable for
one sector, unlinkable across sectors, and never the internal id.
"""

import base64
import hashlib
import hmac

from flask import current_app


def pairwise_sub(citizen_id: str, sector: str) -> str:
    salt = current_app.config["PAIRWISE_SALT"].encode()
    mac = hmac.new(salt, f"{sector}\x00{citizen_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def subject_for(citizen, client) -> str:
    return pairwise_sub(citizen.id, client.sector_identifier)


def session_id_for(sid: str, client) -> str:
    """The `sid` a client sees (ID token, logout token): per sector, like `sub`.

    The session's own `sid` binds its codes and tokens and is never sent; one value
    seen by every service of a sign-in would let them link their pairwise subjects.
    """
    return pairwise_sub(f"sid\x00{sid}", client.sector_identifier)
