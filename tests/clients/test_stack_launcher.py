"""The demo launcher's own rules; tests/e2e starts the whole stack for real."""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from demo import flask_cli
from demo import stack as stack_module
from demo.processes import REPO_ROOT, ProcessFailed, ensure_port_free, free_port
from demo.serve import load_service
from demo.stack import STATE_DIR_MARKER, fresh_state_dir, start_stack


def test_state_dir_is_created_fresh(tmp_path):
    state_dir = fresh_state_dir(tmp_path / "demo")
    (state_dir / "provider.db").write_text("old state")

    fresh_state_dir(state_dir)

    assert sorted(p.name for p in state_dir.iterdir()) == [STATE_DIR_MARKER]


def test_a_directory_it_did_not_make_is_never_wiped(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")

    with pytest.raises(SystemExit):
        start_stack(tmp_path)

    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_registration_asks_for_supported_scopes_its_own_sector_and_exact_uris(monkeypatch):
    commands = []

    def fake_flask_command(env, args):
        commands.append(args)
        return '{"client_id": "c", "client_secret": "s"}'

    monkeypatch.setattr(stack_module, "run_flask_command", fake_flask_command)
    permits = load_service("permits").SERVICE

    registration = stack_module.register_service(
        {}, permits, "http://localhost:5001", ["openid", "profile", "phone", "email"]
    )

    assert registration == {"client_id": "c", "client_secret": "s"}
    [args] = commands
    options = dict(zip(args[2:-1:2], args[3:-1:2], strict=True))
    assert args[:2] == ["clients", "create"]
    assert options["--scope"] == "openid profile phone"
    # Each scope but openid with the purpose citizens read on the consent page.
    purposes = [args[i + 1].split("=")[0] for i, arg in enumerate(args) if arg == "--purpose"]
    assert purposes == ["profile", "phone", "profile:en", "phone:en"]
    assert options["--sector"] == "perizinan.jakarta.go.id"
    assert options["--redirect-uri"] == "http://localhost:5001/auth/callback"
    assert options["--post-logout-redirect-uri"] == "http://localhost:5001/signed-out"
    assert args[-1] == "--json"


def test_the_complaints_service_is_registered_as_protected_and_the_others_are_not(monkeypatch):
    commands = []

    def fake_flask_command(env, args):
        commands.append(args)
        return '{"client_id": "c", "client_secret": "s"}'

    monkeypatch.setattr(stack_module, "run_flask_command", fake_flask_command)
    for name in ("complaints", "permits"):
        stack_module.register_service({}, load_service(name).SERVICE, "http://localhost:5001", ["openid"])

    complaints, permits = commands
    assert "--protected" in complaints
    assert "--protected" not in permits


def test_a_port_in_use_stops_the_start_before_anything_runs(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(ProcessFailed, match=f"port {port} is in use"):
            start_stack(tmp_path / "demo", provider_port=port)

    assert not (tmp_path / "demo").exists()


def _descendants(pid):
    """Every process below `pid` (Linux /proc), so a test can see that each one ended."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _free_port_run(length):
    """A first port with `length` free ports from it (the services take consecutive ports)."""
    for _ in range(50):
        first = free_port()
        try:
            for port in range(first, first + length):
                ensure_port_free(port)
        except ProcessFailed:
            continue
        return first
    pytest.skip("no run of free ports")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc (Linux)")
def test_finding_13_ctrl_c_on_dev_py_run_stops_quietly_and_stops_every_process(tmp_path):
    launcher = subprocess.Popen(
        [
            sys.executable,
            "dev.py",
            "run",
            "--provider-port",
            str(free_port()),
            "--base-port",
            str(_free_port_run(4)),
            "--state-dir",
            str(tmp_path / "demo"),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    output = []
    try:
        for line in launcher.stdout:
            output.append(line)
            if "Press Ctrl-C" in line:
                break
        assert "Press Ctrl-C" in output[-1], "".join(output)
        processes = _descendants(launcher.pid)
        assert len(processes) >= 6, processes  # the launcher, the provider and four services

        os.killpg(launcher.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
        rest, _ = launcher.communicate(timeout=60)
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
    output.append(rest)

    assert launcher.returncode == 0, "".join(output)
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest
    assert "Stopping." in rest
    assert not [pid for pid in processes if _alive(pid)]


def test_finding_13_dev_py_flask_runs_the_command_on_the_database_and_settings_the_demo_uses(tmp_path, monkeypatch):
    state_dir = tmp_path / "demo"
    ran = []

    def run_instead_of_exec(path, command, env):
        output = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=True).stdout
        ran.append((command, env, output))

    monkeypatch.setattr(flask_cli, "DEFAULT_STATE_DIR", state_dir)
    monkeypatch.setattr(flask_cli, "demo_is_running", lambda: True)
    monkeypatch.setattr(flask_cli.os, "execve", run_instead_of_exec)
    monkeypatch.chdir(tmp_path)

    flask_cli.main(
        ["clients", "create", "--name", "Mine", "--redirect-uri", "https://mine.example/cb", "--scope", "openid"]
    )
    flask_cli.main(["clients", "list"])

    demo = stack_module.provider_environment(state_dir, "http://localhost:5000")
    [(create, env, _), (_, _, listing)] = ran
    assert create[1:4] == ["-m", "flask", "--app"] and create[4:6] == ["wsgi", "clients"]
    assert env["DATABASE_URL"] == demo["DATABASE_URL"]
    assert {k: env[k] for k in ("ISSUER", "JAKI_ENV", "SMS_BACKEND", "DEV_OUTBOX_ENABLED")} == {
        k: demo[k] for k in ("ISSUER", "JAKI_ENV", "SMS_BACKEND", "DEV_OUTBOX_ENABLED")
    }
    assert (state_dir / STATE_DIR_MARKER).exists()  # `dev.py run` may start it afresh
    assert "Mine" in listing  # the client was stored in the demo's database


def test_the_tax_service_is_registered_with_the_fapi2_profile_and_its_own_key(monkeypatch, tmp_path):
    commands = []

    def fake_flask_command(env, args):
        commands.append(args)
        return '{"client_id": "c"}'

    monkeypatch.setattr(stack_module, "run_flask_command", fake_flask_command)
    tax = load_service("tax").SERVICE

    registration = stack_module.register_service({}, tax, "http://localhost:5003", ["openid", "profile"], tmp_path)

    [args] = commands
    assert args[args.index("--profile") + 1] == "fapi2"
    assert args[args.index("--auth-method") + 1] == "private_key_jwt"
    assert args[args.index("--id-token-alg") + 1] == "ES256"
    [public] = json.loads(Path(args[args.index("--jwks") + 1]).read_text())["keys"]
    private = json.loads(registration["client_jwk"])
    assert "d" in private and "d" not in public and public["kid"] == private["kid"]
    env = stack_module.service_environment(
        "tax", tmp_path, "http://localhost:5000", registration, "http://localhost:5003", [], None
    )
    assert env["JAKI_CLIENT_JWK"] == registration["client_jwk"]
