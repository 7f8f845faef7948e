"""gunicorn settings for JAKI ID: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be changed from the environment (docs/operations.md lists them).
Each worker is a process with its own database pool (DATABASE_POOL_SIZE ≥ threads);
nothing a request needs lives in one worker's memory: limits, the replay cache and the
OTP counters are in Redis, everything else in the database.
"""

import multiprocessing
import os
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Signing (RSA) and password hashing are CPU work: about one worker per core, and a
# few threads each to overlap the waits on PostgreSQL and Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# A request that takes longer than this is stuck (the SMS gateway's own timeout is 5 s
# per try): the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT_SECONDS", 30))
# On SIGTERM or SIGHUP (a deploy), workers finish what they serve for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT_SECONDS", 30))
# Longer than the load balancer's idle timeout, so it never reuses a connection we closed.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE_SECONDS", 75))
# Workers are replaced gracefully after this many requests (with jitter, not all at once):
# memory a library leaks cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 2000))
# Each worker loads the app itself after the fork: no database connection or key is
# shared between processes, and SIGHUP reloads new code.
preload_app = False
# The app writes its own access line (JSON, with the request id, without the query string).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# LOG_FORMAT=json (production's default): gunicorn's own lines (start, stop, worker timeouts)
# are JSON too, so every line on stderr is one object (idp/operations/logs.py).
_production = os.environ.get("JAKI_ENV") == "production"
if os.environ.get("LOG_FORMAT", "json" if _production else "text") == "json":
    _json_stderr = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "idp.operations.logs.JsonFormatter"}},
        "handlers": {"error_console": _json_stderr, "console": _json_stderr},
        # The app adds its own handler to the root logger in each worker (LOG_FORMAT).
        "root": {"level": "WARNING", "handlers": []},
        "loggers": {"gunicorn.error": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False}},
    }
# X-Forwarded-* are read by the app (ProxyFix, PROXY_FIX_X_FOR), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
# No control socket (gunicorn 27's default is one fixed path for every server on the
# machine, so two servers would fight over it): restarts are signals (docs/operations.md).
control_socket_disable = True
limit_request_line = 8190
limit_request_fields = 100

# Prometheus: each worker writes its values to files in this folder, /metrics adds them up.
# Set before any worker imports prometheus_client; emptied when the server starts.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.path.join(
    tempfile.gettempdir(), f"jaki-id-metrics-{os.getpid()}"
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def on_starting(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)  # counters of an earlier run are not this one's
    os.makedirs(_metrics_dir, exist_ok=True)


def on_exit(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
