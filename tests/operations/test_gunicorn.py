"""The repository's gunicorn.conf.py: several workers serve, /metrics adds up every
worker's counts (prometheus_client's multiprocess mode), logs are JSON lines, and
the single-machine SQLite database runs in WAL mode."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TOKEN = "t" * 40
REQUESTS = 24


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, token=None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """One server for the module: starting one takes seconds on a busy machine."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jaki.db'}",
        "DEV_OUTBOX_ENABLED": "1",
        "METRICS_TOKEN": TOKEN,
        "LOG_FORMAT": "json",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    subprocess.run(
        [BIN / "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log = open(tmp_path / "gunicorn.log", "w+")
    server = subprocess.Popen(
        [BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            get(base + "/healthz")
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
    yield base, tmp_path
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_every_workers_requests_are_counted_at_metrics(gunicorn):
    base, _ = gunicorn
    for _ in range(REQUESTS):
        assert get(base + "/readyz")[0] == 200  # a new connection each: both workers serve
    status, body = get(base + "/metrics", TOKEN)
    assert status == 200
    counted = sum(
        sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
        if sample.name == "jaki_http_requests_total" and sample.labels["endpoint"] == "health.readyz"
    )
    assert counted == REQUESTS


def test_logs_are_json_lines_with_a_request_id(gunicorn):
    base, tmp_path = gunicorn
    get(base + "/healthz")
    lines = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines()]  # every line
    access = [line for line in lines if line["logger"] == "idp.access"]
    assert access and all(len(line["request_id"]) == 32 for line in access)
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # the server's own lines too


def test_the_sqlite_database_is_in_wal_mode(gunicorn):
    _, tmp_path = gunicorn
    with sqlite3.connect(tmp_path / "jaki.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
