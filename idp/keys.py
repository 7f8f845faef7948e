"""Signing-key lifecycle: create, publish, activate, retire (OIDC Core 10.1.1).

Rotation publishes the new key in the JWKS before it signs anything, and a
retired key stays published until the tokens it signed have expired, so a
relying party that caches the JWKS never meets an unknown `kid`.
"""

from datetime import timedelta
from functools import lru_cache

from cryptography.fernet import Fernet
from flask import current_app, json
from joserfc.jwk import ECKey, KeySet, OKPKey, RSAKey
from sqlalchemy import select

from .clock import now
from .extensions import db
from .models import SigningKey

SUPPORTED_ALGS = ("RS256", "PS256", "ES256", "EdDSA")
DEFAULT_ALG = "RS256"


def _generate(alg: str):
    params = {"alg": alg, "use": "sig"}
    if alg in ("RS256", "PS256"):
        return RSAKey.generate_key(2048, parameters=params, auto_kid=True)
    if alg == "ES256":
        return ECKey.generate_key("P-256", parameters=params, auto_kid=True)
    if alg == "EdDSA":
        return OKPKey.generate_key("Ed25519", parameters=params, auto_kid=True)
    raise ValueError(f"unsupported signing algorithm {alg!r}")


def _fernet() -> Fernet:
    return Fernet(current_app.config["KEY_ENCRYPTION_KEY"].encode())


def create_key(alg: str, activate: bool) -> SigningKey:
    key = _generate(alg)
    private = json.dumps(key.as_dict(private=True)).encode()
    row = SigningKey(
        kid=key.kid,
        alg=alg,
        public_jwk=key.as_dict(private=False),
        private_jwk_encrypted=_fernet().encrypt(private),
        activated_at=now() if activate else None,
    )
    db.session.add(row)
    return row


def all_keys(alg: str | None = None):
    query = select(SigningKey).order_by(SigningKey.created_at)
    if alg:
        query = query.where(SigningKey.alg == alg)
    return db.session.scalars(query).all()


def active_key(alg: str) -> SigningKey:
    """The key that signs for `alg`, created on first use."""
    for row in reversed(all_keys(alg)):
        if row.status == "active":
            return row
    row = create_key(alg, activate=True)
    db.session.commit()
    return row


def ensure_keys():
    """Create the default key on first run."""
    active_key(DEFAULT_ALG)


def private_key_set(alg: str) -> KeySet:
    """A KeySet with only the active key, so joserfc sets its `kid` in the header."""
    row = active_key(alg)
    return _load_private(row.kid, row.private_jwk_encrypted)


@lru_cache(maxsize=32)
def _load_private(kid: str, encrypted: bytes) -> KeySet:
    # Loading an RSA private key validates it (tens of milliseconds); a kid's
    # key never changes, so each worker loads it once. Only a cache: the
    # database stays the source of truth for which key is active.
    data = json.loads(_fernet().decrypt(encrypted))
    return KeySet.import_key_set({"keys": [data]})


def published_keys() -> list[SigningKey]:
    moment = now()
    return [
        row
        for row in all_keys()
        if row.unpublish_after is None or row.unpublish_after > moment
    ]


def public_jwks() -> dict:
    return {"keys": [row.public_jwk for row in published_keys()]}


def public_key_set() -> KeySet:
    return KeySet.import_key_set(public_jwks())


def rotate(alg: str = DEFAULT_ALG) -> SigningKey:
    """Activate the published next key (or a new one) and retire the current one.

    With no waiting `next` key, a new key is created and activated at once:
    clients that fetch the JWKS on an unknown `kid` (OIDC Core 10.1.1) still
    verify it. Run `keys rotate --stage` a cache lifetime ahead to avoid that.
    """
    grace = timedelta(seconds=current_app.config["KEY_RETIREMENT_GRACE_SECONDS"])
    moment = now()
    rows = all_keys(alg)
    waiting = [row for row in rows if row.status == "next"]
    for row in rows:
        if row.status == "active":
            row.retired_at = moment
            row.unpublish_after = moment + grace
    new = waiting[0] if waiting else create_key(alg, activate=False)
    new.activated_at = moment
    db.session.commit()
    return new


def stage(alg: str = DEFAULT_ALG) -> SigningKey:
    """Publish a next key without using it yet."""
    for row in all_keys(alg):
        if row.status == "next":
            return row
    row = create_key(alg, activate=False)
    db.session.commit()
    return row
