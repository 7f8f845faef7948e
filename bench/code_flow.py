"""Benchmark: a signed-in citizen's silent code flow, in process.

    .venv/bin/python -m bench.code_flow [--rounds 300]

Each round: GET /authorize (prompt=none) → POST /token → GET /userinfo →
POST /token (refresh). Prints latency percentiles and the process's CPU time
per step, and rounds per second. Uses a temporary SQLite file unless
DATABASE_URL is set. Figures only; nothing is asserted (timed assertions make
flaky tests).
"""

import argparse
import base64
import hashlib
import os
import secrets
import statistics
import tempfile
import time
from urllib.parse import parse_qs, urlsplit

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.db")

from alembic import command  # noqa: E402
from sqlalchemy import event  # noqa: E402

from config import Config  # noqa: E402
from idp import create_app  # noqa: E402
from idp.extensions import db  # noqa: E402
from idp.services.clients import ClientSpec, register  # noqa: E402

REDIRECT_URI = "https://bench.example/callback"


def pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def sign_in(http):
    http.get("/signin")
    with http.session_transaction() as session:
        token = session["csrf_token"]
    http.post("/signin", data={"phone": "081234567890", "csrf_token": token})
    code = http.get("/_dev/outbox").get_json()[0]["code"]
    http.post("/signin/code", data={"code": code, "csrf_token": token})
    http.post("/signin/profile", data={"name": "Bench Citizen", "birthdate": "1990-01-01", "csrf_token": token})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--statements", action="store_true", help="also count SQL statements and commits per step")
    args = parser.parse_args()

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
        # One process plays every citizen, from one address: the per-address limits would stop it.
        OTP_PER_BROWSER_LIMIT = OTP_PER_IP_LIMIT = AUTHORIZE_PER_IP_LIMIT = "1000000 per hour"
        DEV_OUTBOX_ENABLED = True  # the sign-in reads its code at /_dev/outbox

    app = create_app(BenchConfig)
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        purposes = {"profile": "To address you by name", "phone": "To text you about your request"}
        client, secret = register(ClientSpec(name="Bench", redirect_uris=[REDIRECT_URI], purposes=purposes))
        client_id = client.client_id
    http = app.test_client()
    sign_in(http)

    timings = {"authorize": [], "token": [], "userinfo": [], "refresh": []}
    # CPU time of this process per step: unlike the latency, it leaves out PostgreSQL's
    # work and the waits, and moves much less between runs on a shared machine.
    cpu = {step: 0.0 for step in timings}
    counted = {step: {"statements": 0, "commits": 0} for step in timings}
    counting = {"step": None}
    if args.statements:
        with app.app_context():
            engine = db.engine

        @event.listens_for(engine, "before_cursor_execute")
        def _statement(*_):
            if counting["step"]:
                counted[counting["step"]]["statements"] += 1

        @event.listens_for(engine, "commit")
        def _commit(*_):
            if counting["step"]:
                counted[counting["step"]]["commits"] += 1

    def timed(step, call):
        counting["step"] = step
        start, start_cpu = time.perf_counter(), time.process_time()
        response = call()
        timings[step].append(time.perf_counter() - start)
        cpu[step] += time.process_time() - start_cpu
        counting["step"] = None
        return response

    # First round grants consent.
    started = time.perf_counter()
    for round_number in range(args.rounds + 1):
        verifier, challenge = pkce()
        params = {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile phone",
            "state": "s",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if round_number == 0:
            response = http.get("/authorize", query_string=params)
            consent = response.location
            http.get(consent)
            with http.session_transaction() as session:
                token = session["csrf_token"]
            http.post(consent, data={"decision": "allow", "csrf_token": token})
            started = time.perf_counter()
            continue
        params["prompt"] = "none"
        response = timed("authorize", lambda: http.get("/authorize", query_string=params))
        code = parse_qs(urlsplit(response.location).query)["code"][0]
        tokens = timed(
            "token",
            lambda: http.post(
                "/token",
                auth=(client_id, secret),
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": REDIRECT_URI,
                    "code_verifier": verifier,
                },
            ),
        ).get_json()
        timed("userinfo", lambda: http.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}))
        timed(
            "refresh",
            lambda: http.post(
                "/token",
                auth=(client_id, secret),
                data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
            ),
        )
    elapsed = time.perf_counter() - started

    backend = os.environ["DATABASE_URL"].split(":")[0]
    print(f"silent code flow, {args.rounds} rounds, {backend}, one process")
    for step, values in timings.items():
        values.sort()
        p50 = statistics.median(values) * 1000
        p95 = values[int(len(values) * 0.95) - 1] * 1000
        cpu_ms = cpu[step] / len(values) * 1000
        line = f"  {step:<10} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   CPU {cpu_ms:5.2f} ms"
        if args.statements:
            rounds = len(values)
            per = counted[step]
            line += f"   {per['statements'] / rounds:5.1f} statements, {per['commits'] / rounds:4.1f} commits"
        print(line)
    print(f"  rounds/s   {args.rounds / elapsed:6.1f}")


if __name__ == "__main__":
    main()
