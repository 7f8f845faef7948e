"""The Prometheus metrics JAKI ID keeps (scraped at /metrics, idp/operations/metrics_endpoint.py).

Under gunicorn every worker is a process of its own: with PROMETHEUS_MULTIPROC_DIR set
(gunicorn.conf.py sets it before any worker imports this), prometheus_client keeps
each worker's values in a file there and /metrics adds them up.
Labels take only a few fixed values (an endpoint name, a reason): never a client_id,
a number or anything a request chooses, so the series stay few.
"""

from prometheus_client import Counter, Histogram

REQUESTS = Counter("jaki_http_requests_total", "HTTP requests answered.", ["endpoint", "method", "status"])
LATENCY = Histogram(
    "jaki_http_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CODES_SENT = Counter("jaki_sms_codes_sent_total", "One-time codes sent by SMS.", ["purpose"])
CODES_REFUSED = Counter(
    "jaki_sms_codes_refused_total",
    "One-time codes not sent: limit (abuse controls), budget (daily SMS budget), "
    "gateway (the SMS did not leave), unavailable (the rate-limit storage is down).",
    ["reason"],
)
SIGN_INS = Counter("jaki_sign_ins_total", "Citizens signed in (browser sessions started).", ["amr"])
TOKENS_ISSUED = Counter("jaki_tokens_issued_total", "Access tokens issued.", ["grant_type"])
ERRORS = Counter(
    "jaki_errors_total",
    "Requests that failed on our side: unexpected (a 500) or outage (a store out of reach).",
    ["kind"],
)
