"""GET /metrics: the Prometheus text format, for whoever holds METRICS_TOKEN.

Off (404) until METRICS_TOKEN is set; the scraper sends `Authorization: Bearer
<token>` (RFC 6750 §2.1). Behind the load balancer, scrape every machine directly.
Under gunicorn (PROMETHEUS_MULTIPROC_DIR set) the answer adds up every worker's values.
"""

import hmac
import os

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST

bp = Blueprint("metrics", __name__)


@bp.route("/metrics")
def metrics():
    expected = current_app.config.get("METRICS_TOKEN") or ""
    if not expected:
        abort(404)
    scheme, _, offered = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), expected.encode()):
        return Response(
            "Unauthorized\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store"},
            mimetype="text/plain",
        )
    return Response(generate_latest(_registry()), 200, {"Cache-Control": "no-store"}, content_type=CONTENT_TYPE_LATEST)


def _registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY
