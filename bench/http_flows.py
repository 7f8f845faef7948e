"""Benchmark over HTTP: JAKI ID under gunicorn (the repository's gunicorn.conf.py) on
PostgreSQL and Redis, as relying parties and citizens use it.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/jaki_bench \\
    RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0 \\
        .venv/bin/python -m bench.http_flows [--users 4] [--seconds 10] [--workers 2]

Scenarios, each run by `--users` concurrent users in a closed loop (each sends its next
request when the last one was answered) for `--seconds`:
  sso        a signed-in citizen with consent signs in to a service: GET /authorize → 302
             with a code → POST /token → verify the ID token (RS256, the JWKS) → GET /userinfo
  refresh    POST /token grant_type=refresh_token (each user rotates its own token)
  userinfo   GET /userinfo with a bearer token
  discovery  GET /.well-known/openid-configuration
  jwks       GET /jwks.json
Prints each scenario's rate, p50 and p99, and each worker's resident memory. The database
is migrated, not emptied; the dev outbox gives the sign-in codes, and the per-address
limits are lifted (every user comes from one address). Figures only, nothing asserted.
"""

import argparse
import base64
import hashlib
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from joserfc import jwt
from joserfc.jwk import KeySet

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REDIRECT_URI = "https://bench.example/callback"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
UNLIMITED = "1000000 per minute"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(port: int, workers: int) -> dict[str, str]:
    return os.environ | {
        "ISSUER": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "SMS_BACKEND": "outbox",
        "DEV_OUTBOX_ENABLED": "1",
        "LOG_LEVEL": "WARNING",
        "AUTHORIZE_PER_IP_LIMIT": UNLIMITED,
        "OTP_PER_IP_LIMIT": UNLIMITED,
        "OTP_PER_BROWSER_LIMIT": UNLIMITED,
    }


def register_client(env: dict[str, str]) -> tuple[str, str]:
    """Migrate the database and register the benchmark's service; its id and secret."""
    code = (
        "from alembic import command; from idp import create_app; "
        "from idp.services.clients import ClientSpec, register\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    command.upgrade(app.extensions['migrate'].migrate.get_config(), 'head')\n"
        f"    client, secret = register(ClientSpec(name='Bench', redirect_uris=['{REDIRECT_URI}']))\n"
        "    print(client.client_id, secret)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    client_id, secret = output.stdout.split()[-2:]
    return client_id, secret


def start_server(env: dict[str, str], base: str) -> subprocess.Popen:
    server = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/readyz", timeout=10).status_code == 200:
                return server
        except requests.RequestException:  # not listening yet, or a worker still booting
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not become ready")


class User:
    """A citizen's browser (cookies) and the service's tokens for them."""

    def __init__(self, base: str, client_id: str, secret: str, phone: str):
        self.base, self.client_id, self.secret, self.phone = base, client_id, secret, phone
        self.browser = requests.Session()
        self.service = requests.Session()  # the relying party's own connection
        self.keys = KeySet.import_key_set(self.service.get(base + "/jwks.json").json())
        self.tokens: dict = {}

    def authorize_params(self, prompt: str | None) -> tuple[dict, str]:
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile phone",
            "state": secrets.token_urlsafe(8),
            "nonce": secrets.token_urlsafe(8),
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        } | ({"prompt": prompt} if prompt else {})
        return params, verifier

    def follow(self, response: requests.Response) -> requests.Response:
        """Provider pages until the redirect back to the service."""
        while response.is_redirect and not response.headers["Location"].startswith(REDIRECT_URI):
            response = self.browser.get(urljoin(self.base, response.headers["Location"]), allow_redirects=False)
        return response

    def post_page(self, response: requests.Response, data: dict) -> requests.Response:
        token = CSRF.search(response.text).group(1)
        return self.browser.post(response.url, data={"csrf_token": token, **data}, allow_redirects=False)

    def sign_in_first_time(self) -> None:
        """Phone, SMS code (the dev outbox), profile, consent: then single sign-on is silent."""
        params, verifier = self.authorize_params(None)
        page = self.follow(self.browser.get(self.base + "/authorize", params=params, allow_redirects=False))
        page = self.browser.get(urljoin(self.base, page.headers["Location"])) if page.is_redirect else page
        step = self.post_page(page, {"phone": self.phone})
        code = next(m["code"] for m in self.browser.get(self.base + "/_dev/outbox").json() if m["to"] == self.phone)
        step = self.post_page(self.browser.get(urljoin(self.base, step.headers["Location"])), {"code": code})
        while not step.headers["Location"].startswith(REDIRECT_URI):
            page = self.browser.get(urljoin(self.base, step.headers["Location"]), allow_redirects=False)
            if page.is_redirect:
                step = page
                continue
            form = {"name": "Bench Citizen", "birthdate": "1990-01-01"} if "birthdate" in page.text else {}
            step = self.post_page(page, form | {"decision": "allow"})
        self.tokens = self.redeem(step, verifier)

    def redeem(self, redirect: requests.Response, verifier: str) -> dict:
        code = parse_qs(urlsplit(redirect.headers["Location"]).query)["code"][0]
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
        response = self.service.post(
            self.base + "/token", data=data | {"code_verifier": verifier}, auth=(self.client_id, self.secret)
        )
        response.raise_for_status()
        return response.json()

    # --- the scenarios: one request (or one sign-in) each --------------------------------
    def sso(self) -> None:
        params, verifier = self.authorize_params("none")
        redirect = self.browser.get(self.base + "/authorize", params=params, allow_redirects=False)
        tokens = self.redeem(redirect, verifier)
        claims = jwt.decode(tokens["id_token"], self.keys, algorithms=["RS256"]).claims
        assert claims["nonce"] == params["nonce"]
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        self.service.get(self.base + "/userinfo", headers=headers).raise_for_status()

    def refresh(self) -> None:
        data = {"grant_type": "refresh_token", "refresh_token": self.tokens["refresh_token"]}
        response = self.service.post(self.base + "/token", data=data, auth=(self.client_id, self.secret))
        response.raise_for_status()
        self.tokens = response.json()

    def userinfo(self) -> None:
        headers = {"Authorization": f"Bearer {self.tokens['access_token']}"}
        self.service.get(self.base + "/userinfo", headers=headers).raise_for_status()

    def discovery(self) -> None:
        self.service.get(self.base + "/.well-known/openid-configuration").raise_for_status()

    def jwks(self) -> None:
        self.service.get(self.base + "/jwks.json").raise_for_status()


def run(users: list[User], scenario: Callable[[User], None], seconds: float) -> list[float]:
    """Each user in a thread, back to back until the time is up; every latency, in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(len(users))

    def loop(user: User) -> None:
        mine = []
        start.wait()
        deadline = time.perf_counter() + seconds
        while (began := time.perf_counter()) < deadline:
            scenario(user)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=loop, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def worker_memory_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (and RATELIMIT_STORAGE_URI to Redis).")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_environment(port, args.workers)
    client_id, secret = register_client(env)
    server = start_server(env, base)
    try:
        users = [User(base, client_id, secret, f"+62812{secrets.randbelow(10**8):08d}") for _ in range(args.users)]
        for user in users:
            user.sign_in_first_time()
        scenarios = {name: getattr(User, name) for name in ("sso", "refresh", "userinfo", "discovery", "jwks")}
        run(users, User.sso, 2)  # warm-up: every worker has loaded its keys and pools
        print(
            f"JAKI ID over HTTP: gunicorn -w {args.workers} (gthread), PostgreSQL, "
            f"{args.users} concurrent users, {args.seconds:g} s per scenario, RS256"
        )
        print(f"  {'scenario':<10} {'per second':>10} {'p50 ms':>8} {'p99 ms':>8} {'count':>7}")
        for name, scenario in scenarios.items():
            latencies = sorted(run(users, scenario, args.seconds))
            rate = len(latencies) / args.seconds
            p50 = statistics.median(latencies) * 1000
            p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
            print(f"  {name:<10} {rate:>10.1f} {p50:>8.1f} {p99:>8.1f} {len(latencies):>7}")
        memory = ", ".join(f"{size:.0f}" for size in worker_memory_mb(server))
        print(f"  resident memory per worker: {memory} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
