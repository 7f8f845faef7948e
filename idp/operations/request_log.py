"""Every request: an id (the load balancer's X-Request-ID when it sent a sane one),
one access log line, and its count and latency in the metrics.

The line names the path, never the query string: /authorize's query carries the
state and nonce, a callback's the code.
"""

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from idp.operations import metrics

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
log = logging.getLogger("idp.access")


def register(app: Flask) -> None:
    # First of the before_request functions, so every later log line carries the id.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)


def _start() -> None:
    g.request_started = time.perf_counter()
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:  # the request failed before _start ran
        return response
    seconds = time.perf_counter() - started
    endpoint = request.endpoint or "unmatched"  # a fixed set of names: few series
    metrics.REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    metrics.LATENCY.labels(endpoint).observe(seconds)
    response.headers[REQUEST_ID_HEADER] = g.request_id
    log.info(
        "%s %s %d",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "endpoint": endpoint,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "remote_addr": request.remote_addr,
            "scheme": request.scheme,
        },
    )
    return response
