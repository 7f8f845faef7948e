"""Each worker's copy of the registered clients, for the protocol paths that only read them.

Every authorization, token, UserInfo and introspection request needs its client, and a
client changes a few times a year. So a worker keeps each client it read for at most
CLIENTS_CACHE_SECONDS (by the clock every rule uses); a change this worker commits drops
every copy at once (idp/worker_copies.py). A change made by another worker or the
command line — a client disabled, its secret or keys replaced — reaches this one within
CLIENTS_CACHE_SECONDS (docs/operations.md). Disabling a client also revokes its tokens
in the database at once, so what the delay allows is only a new sign-in.

A copy is handed out added to the request's database session without a query, so it
is an ordinary row to the caller: changing it writes the row (and drops the copies).
"""

import copy
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import inspect, select
from sqlalchemy.orm import make_transient_to_detached

from idp import worker_copies
from idp.clock import now
from idp.extensions import db
from idp.models import Client

COPIES = "client_copies"  # app.extensions: this worker's copies
_COLUMNS = tuple(column.key for column in Client.__mapper__.column_attrs)


@dataclass
class _Copy:
    read_at: datetime
    row: Client  # detached, never handed out itself


@dataclass
class _Copies:
    pid: int  # the process that read them: a forked child reads its own
    by_client_id: dict[str, _Copy]


def read(client_id: str) -> Client | None:
    """The client, as this worker read it at most CLIENTS_CACHE_SECONDS ago."""
    copies = _copies()
    moment = now()
    max_age = timedelta(seconds=current_app.config["CLIENTS_CACHE_SECONDS"])
    kept = copies.by_client_id.get(client_id)
    # A clock moved back (tests) reads again too.
    if kept is None or not kept.read_at <= moment < kept.read_at + max_age:
        row = db.session.scalar(select(Client).where(Client.client_id == client_id))
        if row is None:
            # An unknown client_id is not kept: anyone can send as many as they like.
            copies.by_client_id.pop(client_id, None)
            return None
        if max_age:
            copies.by_client_id[client_id] = _Copy(read_at=moment, row=_detached_copy(row))
        return row
    # The session's own row if it has one already (merge's answer, without its copying
    # of every attribute), else a fresh copy added as persistent, without a query.
    key = inspect(kept.row).key
    assert key is not None  # make_transient_to_detached gave the copy its identity
    present = db.session.identity_map.get(key)
    if present is not None:
        return present
    twin = _detached_copy(kept.row)
    db.session.add(twin)
    return twin


def forget() -> None:
    """Drop this worker's copies: each client is read again when next asked for."""
    current_app.extensions.pop(COPIES, None)


def _copies() -> _Copies:
    copies: _Copies | None = current_app.extensions.get(COPIES)
    if copies is None or copies.pid != os.getpid():
        copies = _Copies(pid=os.getpid(), by_client_id={})
        current_app.extensions[COPIES] = copies
    return copies


def _detached_copy(row: Client) -> Client:
    """A row of the same values, in no session (the JSON values copied, so that nobody
    holding one can change another's)."""
    twin = Client()
    for key in _COLUMNS:
        value = getattr(row, key)
        setattr(twin, key, copy.deepcopy(value) if isinstance(value, (dict, list)) else value)
    make_transient_to_detached(twin)
    return twin


worker_copies.forget_when_changed(Client.__tablename__, forget)
