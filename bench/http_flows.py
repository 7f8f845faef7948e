"""Benchmark over HTTP: JAKI ID under gunicorn on PostgreSQL and Redis, side by side with
node oidc-provider v9 (in memory, RS256), as relying parties and citizens use them.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/jaki_bench \\
    RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0 \\
        .venv/bin/python -m bench.http_flows [--users 4] [--seconds 10] [--workers 2] [--only-jaki]

Both servers run at once (bench/servers.py); each scenario runs on one, then on the other
(alternating, so a change in the machine's load hits both), with `--users` concurrent users
in a closed loop (each sends its next request when the last one was answered):
  sso        a signed-in citizen with consent signs in to a service: GET authorize → 302
             with a code → POST token → verify the ID token (RS256, the JWKS) → GET userinfo
  refresh    POST token grant_type=refresh_token (each user rotates its own token)
  introspect POST introspection (RFC 7662) of an access token, by the service
  userinfo   GET userinfo with a bearer token
  discovery  GET /.well-known/openid-configuration
  jwks       GET the JWKS
Prints each side's rate, p50 and p99, CPU time per iteration (the serving processes', and for
JAKI ID PostgreSQL's besides), JAKI ID's rate as a multiple of node's, and each process's
resident memory. Endpoints come from each server's discovery document. JAKI ID's
users sign in once through its pages (codes from the dev outbox); node's sign in and consent
without pages. Figures only, nothing asserted.
"""

import argparse
import base64
import hashlib
import os
import re
import secrets
import statistics
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from joserfc import jwt
from joserfc.jwk import KeySet

from bench.servers import REDIRECT_URI, Server, database_cpu_seconds, start_jaki, start_node

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SCENARIOS = ("sso", "refresh", "introspect", "userinfo", "discovery", "jwks")


class User:
    """A citizen's browser (cookies) and the service's connection and tokens for them."""

    def __init__(self, server: Server, phone: str):
        self.server, self.phone = server, phone
        self.browser = requests.Session()
        self.service = requests.Session()
        self.endpoints = self.service.get(server.base + "/.well-known/openid-configuration").json()
        self.keys = KeySet.import_key_set(self.service.get(self.endpoints["jwks_uri"]).json())
        self.auth = (server.client_id, server.secret)
        self.tokens: dict = {}

    def authorize_params(self, prompt: str | None) -> tuple[dict, str]:
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "response_type": "code",
            "client_id": self.server.client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile phone",
            "state": secrets.token_urlsafe(8),
            "nonce": secrets.token_urlsafe(8),
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        } | ({"prompt": prompt} if prompt else {})
        return params, verifier

    def get(self, location: str) -> requests.Response:
        return self.browser.get(urljoin(self.server.base, location), allow_redirects=False)

    def post_page(self, page: requests.Response, data: dict) -> requests.Response:
        token = CSRF.search(page.text).group(1)
        return self.browser.post(page.url, data={"csrf_token": token, **data}, allow_redirects=False)

    def sign_in_first_time(self) -> None:
        """Sign in and consent once; afterwards single sign-on is silent (prompt=none)."""
        params, verifier = self.authorize_params(None)
        step = self.browser.get(self.endpoints["authorization_endpoint"], params=params, allow_redirects=False)
        while not step.headers.get("Location", "").startswith(REDIRECT_URI):
            page = self.get(step.headers["Location"])
            if page.is_redirect:
                step = page
            elif 'name="phone"' in page.text:  # JAKI ID's pages: number, code, profile, consent
                step = self.post_page(page, {"phone": self.phone})
                outbox = self.browser.get(self.server.base + "/_dev/outbox").json()
                code_page = self.get(step.headers["Location"])
                code = next(message["code"] for message in outbox if message["to"] == self.phone)
                step = self.post_page(code_page, {"code": code})
            else:
                form = {"name": "Bench Citizen", "birthdate": "1990-01-01"} if "birthdate" in page.text else {}
                step = self.post_page(page, form | {"decision": "allow"})
        self.tokens = self.redeem(step, verifier)

    def redeem(self, redirect: requests.Response, verifier: str) -> dict:
        code = parse_qs(urlsplit(redirect.headers["Location"]).query)["code"][0]
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        }
        response = self.service.post(self.endpoints["token_endpoint"], data=data, auth=self.auth)
        response.raise_for_status()
        return response.json()

    def fresh_tokens(self) -> None:
        """New tokens from a silent sign-in: an earlier scenario's SSO sign-ins may have
        ended the first ones (node oidc-provider does, for a grant authorized again)."""
        params, verifier = self.authorize_params("none")
        redirect = self.browser.get(self.endpoints["authorization_endpoint"], params=params, allow_redirects=False)
        self.tokens = self.redeem(redirect, verifier)

    # --- the scenarios: one iteration each ------------------------------------------------
    def sso(self) -> None:
        params, verifier = self.authorize_params("none")
        redirect = self.browser.get(self.endpoints["authorization_endpoint"], params=params, allow_redirects=False)
        tokens = self.redeem(redirect, verifier)
        claims = jwt.decode(tokens["id_token"], self.keys, algorithms=["RS256"]).claims
        assert claims["nonce"] == params["nonce"]
        self.bearer_get(self.endpoints["userinfo_endpoint"], tokens["access_token"])

    def refresh(self) -> None:
        data = {"grant_type": "refresh_token", "refresh_token": self.tokens["refresh_token"]}
        response = self.service.post(self.endpoints["token_endpoint"], data=data, auth=self.auth)
        if not response.ok:
            raise RuntimeError(f"{self.server.name} refused a refresh: {response.status_code} {response.text}")
        self.tokens = response.json()

    def introspect(self) -> None:
        data = {"token": self.tokens["access_token"]}
        response = self.service.post(self.endpoints["introspection_endpoint"], data=data, auth=self.auth)
        response.raise_for_status()
        assert response.json()["active"]

    def userinfo(self) -> None:
        self.bearer_get(self.endpoints["userinfo_endpoint"], self.tokens["access_token"])

    def discovery(self) -> None:
        self.service.get(self.server.base + "/.well-known/openid-configuration").raise_for_status()

    def jwks(self) -> None:
        self.service.get(self.endpoints["jwks_uri"]).raise_for_status()

    def bearer_get(self, url: str, access_token: str) -> None:
        self.service.get(url, headers={"Authorization": f"Bearer {access_token}"}).raise_for_status()


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


def figures(latencies: list[float], seconds: float) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    return len(ordered) / seconds, statistics.median(ordered) * 1000, p99 * 1000


def shares(used: dict[str, float]) -> str:
    """Each serving process's share of the CPU the servers used, in per cent ("78/22").
    Each user's connections are kept alive, and the kernel hands a new connection to
    whichever worker accepts first: with few users, one worker may serve them all."""
    total = sum(used.values()) or 1.0
    return "/".join(f"{100 * seconds / total:.0f}" for seconds in sorted(used.values(), reverse=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only-jaki", action="store_true", help="without node oidc-provider")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated, of: " + ", ".join(SCENARIOS))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (and RATELIMIT_STORAGE_URI to Redis).")
    servers = [start_jaki(args.workers)]
    try:
        if not args.only_jaki:
            servers.append(start_node())
        users = {
            server.name: [User(server, f"+62812{secrets.randbelow(10**8):08d}") for _ in range(args.users)]
            for server in servers
        }
        for group in users.values():
            for user in group:
                user.sign_in_first_time()
            run(group, User.sso, 2)  # warm-up: every worker has loaded its keys and pools
        print(
            f"gunicorn -w {args.workers} (gthread) on PostgreSQL vs node oidc-provider (in memory); "
            f"{args.users} concurrent users, {args.seconds:g} s per scenario and side, RS256, alternating"
        )
        print(
            f"  {'scenario':<10} {'server':<19} {'per second':>10} {'p50 ms':>8} {'p99 ms':>8}"
            f" {'CPU ms/it':>10} {'+ db ms/it':>10} {'client ms/it':>12} {'CPU split':>10}"
        )
        for name in args.scenarios.split(","):
            rates = {}
            for server in servers:
                for user in users[server.name]:
                    user.fresh_tokens()
                # CPU time per iteration moves less than the rate when the machine is shared.
                # The client's own (this process, one interpreter) shares the cores: near a
                # core's worth per second, it is what limits the faster server.
                cpu, database, client = server.cpu_seconds(), database_cpu_seconds(), time.process_time()
                latencies = run(users[server.name], getattr(User, name), args.seconds)
                iterations = max(len(latencies), 1)
                used = {pid: seconds - cpu.get(pid, 0.0) for pid, seconds in server.cpu_seconds().items()}
                cpu_ms = sum(used.values()) * 1000 / iterations
                database_ms = (database_cpu_seconds() - database) * 1000 / iterations
                client_ms = (time.process_time() - client) * 1000 / iterations
                rate, p50, p99 = figures(latencies, args.seconds)
                rates[server.name] = rate
                print(
                    f"  {name:<10} {server.name:<19} {rate:>10.1f} {p50:>8.1f} {p99:>8.1f}"
                    f" {cpu_ms:>10.2f} {database_ms if server.name == 'JAKI ID' else 0:>10.2f} {client_ms:>12.2f}"
                    f" {shares(used):>10}"
                )
            if len(rates) == 2:
                print(f"  {'':<10} {'JAKI ID / node':<19} {rates['JAKI ID'] / rates['node oidc-provider']:>10.2f}x")
        for server in servers:
            print(f"  resident memory, {server.name}: {', '.join(f'{mb:.0f}' for mb in server.memory_mb())} MB")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
