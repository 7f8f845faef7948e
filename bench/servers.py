"""The servers bench/http_flows.py measures: JAKI ID under gunicorn (the repository's
gunicorn.conf.py, on the PostgreSQL and Redis of DATABASE_URL and RATELIMIT_STORAGE_URI),
and node oidc-provider v9 in memory (bench/node_provider, installed from npm on first use)."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NODE_PROVIDER = ROOT / "bench" / "node_provider"
REDIRECT_URI = "https://bench.example/callback"
UNLIMITED = "1000000 per minute"


@dataclass
class Server:
    name: str
    base: str
    client_id: str
    secret: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)

    def serving_pids(self) -> list[str]:
        """The processes serving: gunicorn's workers, or node's one."""
        pid = self.process.pid
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split() or [str(pid)]

    def memory_mb(self) -> list[float]:
        """Resident memory of each process serving."""
        sizes = []
        for process in self.serving_pids():
            status = Path(f"/proc/{process}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sizes

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) each serving process has used so far."""
        return {pid: cpu_seconds_of(pid) for pid in self.serving_pids()}


def cpu_seconds_of(pid: str) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:  # it ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def database_cpu_seconds() -> float:
    """CPU time used so far by every PostgreSQL process on this machine (its backends and
    its writers): the database's share of JAKI ID's work, while nothing else uses it."""
    return sum(
        cpu_seconds_of(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _command_of(entry) == "postgres"
    )


def _command_of(process: Path) -> str:
    try:
        return (process / "comm").read_text().strip()
    except (FileNotFoundError, PermissionError):
        return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or a worker still booting
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"{url} did not become ready")


def start_jaki(workers: int) -> Server:
    port = free_port()
    env = os.environ | {
        "ISSUER": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "SMS_BACKEND": "outbox",
        "DEV_OUTBOX_ENABLED": "1",  # the first sign-ins read their codes there
        "LOG_LEVEL": "WARNING",
        # Every user comes from one address: the per-address limits would stop the run.
        "AUTHORIZE_PER_IP_LIMIT": UNLIMITED,
        "OTP_PER_IP_LIMIT": UNLIMITED,
        "OTP_PER_BROWSER_LIMIT": UNLIMITED,
    }
    client_id, secret = _register_client(env)
    process = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_until_ready(process, base + "/readyz")
    return Server("JAKI ID", base, client_id, secret, process)


def _register_client(env: dict[str, str]) -> tuple[str, str]:
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


def start_node() -> Server:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node oidc-provider needs Node.js (20.19 or later); run with --only-jaki without it")
    if not (NODE_PROVIDER / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=NODE_PROVIDER, check=True)
    port = free_port()
    client_id, secret = "bench", secrets.token_urlsafe(32)
    env = os.environ | {
        "PORT": str(port),
        "CLIENT_ID": client_id,
        "CLIENT_SECRET": secret,
        "REDIRECT_URI": REDIRECT_URI,
    }
    process = subprocess.Popen(
        [node, "server.js"], cwd=NODE_PROVIDER, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_ready(process, base + "/.well-known/openid-configuration")
    return Server("node oidc-provider", base, client_id, secret, process)
