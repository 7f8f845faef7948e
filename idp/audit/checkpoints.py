"""Signed checkpoints: a JWS (RFC 7515) of the chain's head hash and count.

Published somewhere else (a ticket, an e-mail to the inspectorate), a
checkpoint proves what the log held when it was made: rewriting anything
before it changes the hash it names. Signed with the provider's ID token key
(idp/protocol/keys.py), explicitly typed (RFC 8725 §3.11) so it can never pass
for an ID token, and checked against every key we still trust: a retired key
still vouches for old checkpoints, a revoked one for nothing.
"""

from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select

from idp.audit import log
from idp.audit import types as audit
from idp.clock import now, timestamp
from idp.extensions import db
from idp.models import AuditChainHead, AuditCheckpoint
from idp.protocol.keys import DEFAULT_ALG, SUPPORTED_ALGS, private_key_set, trusted_keys

TYPE = "jaki-audit-checkpoint+jwt"


class InvalidCheckpoint(ValueError):
    """A checkpoint whose signature or contents do not hold."""


def sign(kind: str, count: int, head: str) -> str:
    claims = {"iss": current_app.config["ISSUER"], "iat": timestamp(), "kind": kind, "count": count, "head": head}
    return jwt.encode({"alg": DEFAULT_ALG, "typ": TYPE}, claims, private_key_set(DEFAULT_ALG), [DEFAULT_ALG])


def write(kind: str, count: int, head: str) -> AuditCheckpoint:
    """Store a signed checkpoint in the current transaction."""
    row = AuditCheckpoint(kind=kind, seq=count, hash=head, created_at=now(), jws=sign(kind, count, head))
    db.session.add(row)
    db.session.flush()
    return row


def of_head() -> AuditCheckpoint:
    """A checkpoint of the chain as committed now (`flask audit checkpoint`)."""
    head = db.session.get(AuditChainHead, 1)
    assert head is not None  # created by the migration
    row = write("checkpoint", head.seq, head.hash)
    # Logged after the head it signs: the next checkpoint covers this event.
    log.append(audit.AUDIT_CHECKPOINT, details={"checkpoint": row.id, "events": head.seq})
    db.session.commit()
    return row


def claims_of(jws: str) -> dict:
    """The statement of a checkpoint we signed; InvalidCheckpoint otherwise."""
    try:
        keys = KeySet.import_key_set({"keys": [row.public_jwk for row in trusted_keys()]})
        token = jwt.decode(jws, keys, algorithms=list(SUPPORTED_ALGS))
    except (JoseError, ValueError):
        raise InvalidCheckpoint("not signed by a key JAKI ID trusts") from None
    if token.header.get("typ") != TYPE or token.claims.get("iss") != current_app.config["ISSUER"]:
        raise InvalidCheckpoint("not an audit checkpoint of this provider")
    return token.claims


def check(row: AuditCheckpoint) -> None:
    """The stored row says what its signed statement says."""
    claims = claims_of(row.jws)
    if (claims.get("kind"), claims.get("count"), claims.get("head")) != (row.kind, row.seq, row.hash):
        raise InvalidCheckpoint("its row differs from its signed statement")


def all_checkpoints() -> list[AuditCheckpoint]:
    return list(db.session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.seq, AuditCheckpoint.id)))


def latest() -> AuditCheckpoint | None:
    return db.session.scalar(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1))


def latest_prune() -> AuditCheckpoint | None:
    query = select(AuditCheckpoint).where(AuditCheckpoint.kind == "prune").order_by(AuditCheckpoint.seq.desc())
    return db.session.scalar(query.limit(1))
