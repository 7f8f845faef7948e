"""Each worker's copy of the signing keys, for the paths that only read them.

Signing a token, serving the JWKS and discovery need the keys on every request, and
they change a few times a year. So a worker reads the table at most once every
KEYS_CACHE_SECONDS (by the clock every rule uses) and keeps a frozen copy; a change
this worker commits drops the copy at once. A change another worker or the CLI makes
reaches this one within KEYS_CACHE_SECONDS. That is safe for the rollover: a new key
is published KEY_ROLLOVER_SECONDS (at least the JWKS's five minutes in production)
before it signs. Revoking with `keys rotate --now` takes up to KEYS_CACHE_SECONDS to
reach every worker (docs/operations.md).

The JWKS and discovery bytes are built once per set of keys, not per request. While the
database is away, the JWKS and discovery are still served from the copy until it is due.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from idp import worker_copies
from idp.clock import now
from idp.extensions import db
from idp.models import SigningKey

RING = "signing_key_ring"  # app.extensions: this worker's copy


@dataclass(frozen=True)
class KeyCopy:
    """A signing key's row, detached from any database session."""

    kid: str
    alg: str
    public_jwk: dict
    private_jwk_encrypted: bytes
    created_at: datetime
    activated_at: datetime | None
    retired_at: datetime | None
    unpublish_after: datetime | None
    revoked_at: datetime | None


@dataclass
class _Ring:
    pid: int  # the process that read it: a forked child reads its own
    read_at: datetime
    keys: tuple[KeyCopy, ...]
    built: dict  # bytes made from these keys, by what they were made for


def _read() -> tuple[KeyCopy, ...]:
    rows = db.session.scalars(select(SigningKey).order_by(SigningKey.created_at))
    return tuple(
        KeyCopy(
            kid=row.kid,
            alg=row.alg,
            public_jwk=dict(row.public_jwk),
            private_jwk_encrypted=bytes(row.private_jwk_encrypted),
            created_at=row.created_at,
            activated_at=row.activated_at,
            retired_at=row.retired_at,
            unpublish_after=row.unpublish_after,
            revoked_at=row.revoked_at,
        )
        for row in rows
    )


def _ring() -> _Ring:
    ring: _Ring | None = current_app.extensions.get(RING)
    moment = now()
    max_age = timedelta(seconds=current_app.config["KEYS_CACHE_SECONDS"])
    # A clock moved back (tests) reads again too.
    if ring is None or ring.pid != os.getpid() or not ring.read_at <= moment < ring.read_at + max_age:
        ring = _Ring(pid=os.getpid(), read_at=moment, keys=_read(), built={})
        current_app.extensions[RING] = ring
    return ring


def keys() -> tuple[KeyCopy, ...]:
    """Every key, oldest first, as this worker last read them."""
    return _ring().keys


def built(what: tuple, make) -> bytes:
    """`make()`'s bytes for `what`, made once per copy of the keys."""
    ring = _ring()
    if what not in ring.built:
        ring.built[what] = make()
    return ring.built[what]


def forget() -> None:
    """Drop this worker's copy: the next reader reads the table."""
    current_app.extensions.pop(RING, None)


worker_copies.forget_when_changed(SigningKey.__tablename__, forget)
