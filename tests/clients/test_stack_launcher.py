"""The demo launcher's own rules; tests/e2e starts the whole stack for real."""

import socket

import pytest

from demo import stack as stack_module
from demo.processes import ProcessFailed
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
    assert options["--sector"] == "perizinan.jakarta.go.id"
    assert options["--redirect-uri"] == "http://localhost:5001/auth/callback"
    assert options["--post-logout-redirect-uri"] == "http://localhost:5001/signed-out"
    assert args[-1] == "--json"


def test_a_port_in_use_stops_the_start_before_anything_runs(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(ProcessFailed, match=f"port {port} is in use"):
            start_stack(tmp_path / "demo", provider_port=port)

    assert not (tmp_path / "demo").exists()
