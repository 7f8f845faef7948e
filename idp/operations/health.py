"""Health checks for the load balancer and the orchestrator.

GET /healthz  the process is alive and serving (no store is touched): restart it if not.
GET /readyz   the database and the rate-limit storage (Redis) answer: send it traffic
              only then. 503 otherwise, naming what is out of reach (never why in detail).
"""

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from idp.extensions import db, limiter
from idp.web.errors import OUTAGES

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.route("/healthz")
def healthz():
    return _answer({"status": "ok"}, 200)


@bp.route("/readyz")
def readyz():
    checks = {"database": _database_answers(), "rate_limit_storage": _rate_limit_storage_answers()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable"} | {
        name: "ok" if fine else "unreachable" for name, fine in checks.items()
    }
    return _answer(body, 200 if ready else 503)


def _database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except OUTAGES as error:
        log.warning("readiness: the database is unreachable: %s", type(error).__name__)
        db.session.rollback()
        return False


def _rate_limit_storage_answers() -> bool:
    try:
        return bool(limiter.storage.check())
    except OUTAGES as error:
        log.warning("readiness: the rate-limit storage is unreachable: %s", type(error).__name__)
        return False


def _answer(body: dict, status: int):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
