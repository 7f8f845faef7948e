"""Child processes of the demo stack: the provider, its CLI, and the services."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_SECONDS = 30
STOP_TIMEOUT_SECONDS = 5


class ProcessFailed(RuntimeError):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_port_free(port):
    # Another server already on the port would answer our readiness checks
    # in place of the process we start, and the demo would talk to the wrong one.
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ProcessFailed(f"port {port} is in use; choose others with --provider-port and --base-port") from exc


def child_environment(extra):
    # The provider reads its settings at import; nothing from our own shell's
    # FLASK_* or DATABASE_URL may leak into a child meant for another app.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env.pop("DATABASE_URL", None)
    return env | extra


def run_flask_command(env, args):
    """Run `flask --app wsgi ARGS` against the provider; return its standard output."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=REPO_ROOT,
        env=child_environment(env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise ProcessFailed(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Process:
    def __init__(self, name, command, env, log_path):
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, "w")
        self._popen = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=child_environment(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    @classmethod
    def start_provider(cls, env, port, state_dir):
        command = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-reload",
            "--no-debugger",
        ]
        return cls("provider", command, env, state_dir / "provider.log")

    @classmethod
    def start_service(cls, name, env, port, state_dir):
        command = [sys.executable, "-m", "demo.serve", name, "--port", str(port)]
        return cls(name, command, env, state_dir / f"{name}.log")

    def running(self):
        return self._popen.poll() is None

    def log_tail(self, lines=40):
        return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])

    def stop(self):
        if self.running():
            self._popen.terminate()
            try:
                self._popen.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self._popen.kill()
                self._popen.wait()
        self._log.close()


def wait_until_answering(url, process):
    """Poll URL until it answers 200, or fail with the process's log."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not process.running():
            raise ProcessFailed(f"{process.name} exited during start-up:\n{process.log_tail()}")
        try:
            response = requests.get(url, timeout=2)
            if response.status_code == 200:
                return response
        except requests.RequestException:
            pass  # not listening yet, or still starting
        time.sleep(0.2)
    raise ProcessFailed(f"{process.name} did not answer at {url}:\n{process.log_tail()}")
