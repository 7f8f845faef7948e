"""Signing-key lifecycle (OIDC Core 10.1.1): publish, then sign, then retire.

`keys rotate` creates the next key and publishes it in the JWKS at once, but
it signs only after KEY_ROLLOVER_SECONDS, longer than relying parties cache
the JWKS, so nobody meets an unknown `kid`. From then on the old key signs
nothing and stays published for KEY_RETIREMENT_GRACE_SECONDS, until the
tokens it signed have expired. `--now` is for a compromised key: the new key
signs at once and the keys it replaces are revoked, so they leave the JWKS,
sign nothing and verify nothing (not even an id_token_hint).

Every algorithm we advertise has a key before anything is signed with it:
`ensure_keys()` runs once per worker before its first protocol request, on
JWKS reads and in the key commands, and never on the signing path. On the very first
start there is nothing to roll over from, so the first keys sign at once; an
algorithm added to a running deployment is published first and signs after
the rollover, like a rotation. Creating keys holds one lock, so workers
starting together create one key per algorithm.

Each key's phase follows from its timestamps, so every worker agrees on it
without coordination.
"""

import json
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app
from joserfc.jwk import ECKey, KeyParameters, KeySet, KeySetSerialization, OKPKey, RSAKey
from sqlalchemy import select, text

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import SigningKey
from idp.protocol import key_ring
from idp.protocol.key_ring import KeyCopy
from idp.security import decrypt_at_rest, encrypt_at_rest

SUPPORTED_ALGS = ("RS256", "PS256", "ES256", "EdDSA")
DEFAULT_ALG = "RS256"
READY = "signing_keys_ready"  # app.extensions flag: this worker has ensured its keys
# pg_advisory_xact_lock id for creating keys ("JAKIKEYS"), released at commit.
KEY_CREATION_LOCK = 0x4A414B494B455953


class NoSigningKey(RuntimeError):
    """No key of this algorithm signs yet: the signing path never creates one."""


def _generate(alg: str):
    params: KeyParameters = {"alg": alg, "use": "sig"}
    if alg in ("RS256", "PS256"):
        return RSAKey.generate_key(2048, parameters=params, auto_kid=True)
    if alg == "ES256":
        return ECKey.generate_key("P-256", parameters=params, auto_kid=True)
    if alg == "EdDSA":
        return OKPKey.generate_key("Ed25519", parameters=params, auto_kid=True)
    raise ValueError(f"unsupported signing algorithm {alg!r}")


def create_key(alg: str, activate: bool = True, activate_at=None) -> SigningKey:
    key = _generate(alg)
    private = json.dumps(key.as_dict(private=True)).encode()
    row = SigningKey(
        kid=key.kid,
        alg=alg,
        public_jwk=key.as_dict(private=False),
        private_jwk_encrypted=encrypt_at_rest(private),
        activated_at=activate_at or (now() if activate else None),
    )
    db.session.add(row)
    return row


def all_keys(alg: str | None = None) -> list[SigningKey]:
    query = select(SigningKey).order_by(SigningKey.created_at)
    if alg:
        query = query.where(SigningKey.alg == alg)
    return list(db.session.scalars(query))


def phase(row: SigningKey | KeyCopy, moment=None) -> str:
    """next (published, not signing) | active (signing) | retired (published or not) | revoked."""
    moment = moment or now()
    if row.revoked_at is not None:
        return "revoked"
    if row.activated_at is None or row.activated_at > moment:
        return "next"
    if row.retired_at is not None and row.retired_at <= moment:
        return "retired"
    return "active"


def active_key(alg: str) -> KeyCopy:
    """The key that signs for `alg` now. Never created here: a key must be
    published before it signs (OIDC Core 10.1.1), see ensure_keys()."""
    moment = now()
    signing = [row for row in key_ring.keys() if row.alg == alg and phase(row, moment) == "active"]
    if not signing:
        raise NoSigningKey(f"no {alg} signing key is active yet (flask keys list)")
    return max(signing, key=_activated_at)


def signing_algs() -> list[str]:
    """The algorithms that sign now: what discovery advertises and clients may
    register (OIDC Discovery §3). An algorithm whose key is only published (it
    signs after the rollover) is left out, so no client picks one we cannot use."""
    moment = now()
    active = {row.alg for row in key_ring.keys() if phase(row, moment) == "active"}
    return [alg for alg in SUPPORTED_ALGS if alg in active]


def signs_from(alg: str) -> datetime | None:
    """When `alg` starts signing, if it has a published key that does not sign yet."""
    try:
        active_key(alg)
        return None
    except NoSigningKey:
        pending = [
            row.activated_at for row in key_ring.keys() if row.alg == alg and phase(row) == "next" and row.activated_at
        ]
        return min(pending, default=None)


def _activated_at(row: KeyCopy) -> datetime:
    assert row.activated_at is not None  # only keys in the "active" phase are compared
    return row.activated_at


def ensure_keys() -> list[SigningKey]:
    """Publish a key for every supported algorithm that has none; return those created."""
    if not _missing_algs(key_ring.keys()):
        return []  # the usual case: no lock, no read (this worker's copy of the keys)
    _lock_key_creation()
    missing = _missing_algs(all_keys())  # again, read under the lock: another worker may have made them
    # The very first start: no JWKS was ever served, so no relying party can have
    # cached one, and the first keys may publish and sign at once. Later (a release
    # adds an algorithm) RPs hold the JWKS: publish first, sign after the rollover.
    first_start = not all_keys()
    takes_over = now() + timedelta(seconds=0 if first_start else current_app.config["KEY_ROLLOVER_SECONDS"])
    created = [create_key(alg, activate_at=takes_over) for alg in missing]
    for row in created:
        audit_log.append(audit.KEY_CREATED, details={"kid": row.kid, "alg": row.alg})
    db.session.commit()
    key_ring.forget()  # made by us or, meanwhile, by another worker: this worker's copy lacks them
    return created


def _missing_algs(rows) -> list[str]:
    present = {row.alg for row in rows if row.revoked_at is None}
    return [alg for alg in SUPPORTED_ALGS if alg not in present]


def _lock_key_creation():
    """Serialise key creation across workers until this transaction commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": KEY_CREATION_LOCK})
    else:
        # SQLite (development): a write takes the database's write lock for the transaction.
        db.session.execute(text("UPDATE signing_key SET alg = alg WHERE 1 = 0"))


def ensure_keys_once() -> None:
    """Before a worker's first protocol request: every advertised algorithm has a key."""
    if not current_app.extensions.get(READY):
        ensure_keys()
        current_app.extensions[READY] = True


def private_key_set(alg: str) -> KeySet:
    """A KeySet with only the active key, so joserfc sets its `kid` in the header."""
    row = active_key(alg)
    return _load_private(row.kid, row.private_jwk_encrypted)


@lru_cache(maxsize=32)
def _load_private(kid: str, encrypted: bytes) -> KeySet:
    # Loading an RSA private key validates it (tens of milliseconds); a kid's
    # key never changes, so each worker loads it once. Only a cache: the
    # database stays the source of truth for which key is active.
    data = json.loads(decrypt_at_rest(encrypted))
    return KeySet.import_key_set({"keys": [data]})


def trusted_keys() -> list[SigningKey]:
    """Every key we signed with and still vouch for: all but the revoked ones."""
    return [row for row in all_keys() if row.revoked_at is None]


def published_keys() -> list[KeyCopy]:
    moment = now()
    return [
        row
        for row in key_ring.keys()
        if row.revoked_at is None and (row.unpublish_after is None or row.unpublish_after > moment)
    ]


def public_jwks() -> KeySetSerialization:
    return {"keys": [row.public_jwk for row in published_keys()]}


def public_jwks_bytes() -> bytes:
    """The JWKS document, serialised once per set of published keys."""
    published = published_keys()
    return key_ring.built(
        ("jwks", *(row.kid for row in published)), lambda: _json({"keys": [row.public_jwk for row in published]})
    )


def _json(document) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def public_key_set() -> KeySet:
    return KeySet.import_key_set(public_jwks())


def rotate(alg: str = DEFAULT_ALG, immediately: bool = False) -> SigningKey:
    """Publish a new key now; it takes over after the rollover.

    `immediately` (a compromise): it takes over at once, and every earlier key of
    `alg` is revoked. We cannot tell since when the private keys were exposed, and
    they are stored alike; revoking costs only hints signed by them (a citizen
    confirms the sign-out, a service signs in again).
    """
    config = current_app.config
    _lock_key_creation()  # two operators rotating at once make one key each, in turn
    moment = now()
    takes_over = moment if immediately else moment + timedelta(seconds=config["KEY_ROLLOVER_SECONDS"])
    grace = timedelta(seconds=config["KEY_RETIREMENT_GRACE_SECONDS"])
    for row in all_keys(alg):
        if immediately:
            if row.revoked_at is None:
                row.revoked_at = moment
        elif phase(row, moment) == "next":
            row.unpublish_after = row.retired_at = moment  # a pending key is superseded
        elif phase(row, moment) == "active":
            row.retired_at = takes_over
            row.unpublish_after = takes_over + grace
    new = create_key(alg, activate_at=takes_over)
    audit_log.append(audit.KEY_ROTATED, details={"kid": new.kid, "alg": alg, "revoking_earlier_keys": immediately})
    db.session.commit()
    return new
