"""Run JAKI ID and the four agency services together: `python -m demo.stack`.

Starts from a fresh demo directory every time: migrates the provider's
database, starts the provider, registers each service through the provider's
clients CLI (an operator's way in, so nothing here imports the provider), then
starts the services, each with its own database and demo data, and prints the
URLs. Ctrl-C stops everything. Tests use `start_stack()` on free ports.
"""

import argparse
import json
import secrets
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from joserfc.jwk import ECKey, RSAKey

from .processes import (
    Process,
    ProcessFailed,
    ensure_port_free,
    free_port,
    run_flask_command,
    wait_until_answering,
)
from .serve import SERVICE_NAMES, load_service

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_DIR = REPO_ROOT / "instance" / "demo"
DEFAULT_PROVIDER_PORT = 5000
DEFAULT_BASE_PORT = 5001
# A marker that lets us wipe the directory safely: we made it, it holds only demo state.
STATE_DIR_MARKER = ".jaki-demo"
# Scopes JAKI ID releases only encrypted to the service (idp/protocol/sensitive_scopes.py).
SENSITIVE_SCOPES = {"nik"}


def new_encryption_key(service_name) -> tuple[str, RSAKey | ECKey]:
    """The algorithm and a new key of a service allowed a sensitive scope: vaccination's is
    RSA, the others' EC, so the demo exercises both algorithms JAKI ID offers."""
    if service_name == "vaccination":
        return "RSA-OAEP-256", RSAKey.generate_key(2048, parameters={"use": "enc"}, auto_kid=True)
    return "ECDH-ES+A256KW", ECKey.generate_key("P-256", parameters={"use": "enc"}, auto_kid=True)


@dataclass
class Stack:
    provider_url: str
    service_urls: dict  # service name -> URL
    state_dir: Path
    processes: list

    def stop(self):
        for process in reversed(self.processes):
            process.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def fresh_state_dir(path):
    path = Path(path)
    if path.exists() and any(path.iterdir()) and not (path / STATE_DIR_MARKER).exists():
        raise SystemExit(f"{path} is not empty and was not made by demo.stack; not wiping it")
    if path.exists():
        for child in path.iterdir():
            child.unlink()
    path.mkdir(parents=True, exist_ok=True)
    (path / STATE_DIR_MARKER).touch()
    return path


def provider_environment(state_dir, issuer):
    return {
        "ISSUER": issuer,
        "DATABASE_URL": f"sqlite:///{state_dir / 'provider.db'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "JAKI_ENV": "development",
        "SMS_BACKEND": "outbox",
        "DEV_OUTBOX_ENABLED": "1",  # the codes are read at /_dev/outbox (development only)
    }


def operator_environment(state_dir=DEFAULT_STATE_DIR, provider_port=DEFAULT_PROVIDER_PORT):
    """The demo provider's settings for its `flask` commands (`python3 dev.py flask ...`)."""
    env = provider_environment(Path(state_dir), f"http://localhost:{provider_port}")
    del env["SECRET_KEY"]  # it signs browser cookies only; each demo run makes its own
    return env


def register_service(env, service, service_url, scopes_supported, state_dir=DEFAULT_STATE_DIR):
    """`flask clients create` for one service; returns the registration JSON (with the
    private key of a FAPI 2.0 service as `client_jwk`: the service signs with it)."""
    scopes = service.scopes_to_request(scopes_supported)
    # Each scope's purpose, and its English version (`scope:en`) where the service wrote one.
    purposes = [
        arg
        for key, text in service.purposes.items()
        if key.split(":")[0] in scopes
        for arg in ("--purpose", f"{key}={text}")
    ]
    profile_args, private_jwk, public_keys = [], None, []
    if service.fapi2:
        # Its own ES256 key: the public half registered, the private half given to the service only.
        key = ECKey.generate_key("P-256", parameters={"use": "sig"}, auto_kid=True)  # never an encryption key
        public_keys.append(key.as_dict(private=False))
        profile_args = ["--auth-method", "private_key_jwt", "--profile", "fapi2", "--id-token-alg", "ES256"]
        private_jwk = json.dumps(key.as_dict(private=True))
    encryption_args, encryption_jwk = [], None
    if SENSITIVE_SCOPES & set(scopes):
        # JAKI ID sends the NIK only encrypted: the service's own encryption key, the public
        # half registered beside any signing key, the private half given to the service only.
        alg, encryption_key = new_encryption_key(service.name)
        public_keys.append(encryption_key.as_dict(private=False))
        encryption_args = ["--id-token-encryption-alg", alg, "--userinfo-encryption-alg", alg]
        encryption_jwk = json.dumps(encryption_key.as_dict(private=True))
    if public_keys:
        jwks_file = Path(state_dir) / f"{service.name}-jwks.json"
        jwks_file.write_text(json.dumps({"keys": public_keys}))
        profile_args += ["--jwks", str(jwks_file)]
    registration = json.loads(
        run_flask_command(
            env,
            [
                "clients",
                "create",
                "--name",
                service.title,
                "--agency",
                service.agency,
                "--redirect-uri",
                f"{service_url}/auth/callback",
                "--post-logout-redirect-uri",
                f"{service_url}/signed-out",
                # Its home page: a citizen back at a finished sign-in returns there.
                "--client-uri",
                f"{service_url}/",
                # The provider POSTs the logout token here (127.0.0.1: the service listens there).
                "--backchannel-logout-uri",
                f"{service_url.replace('localhost', '127.0.0.1')}/backchannel-logout",
                "--scope",
                " ".join(scopes),
                *purposes,
                # Distinct sectors give each service its own pairwise `sub`, even on one host.
                "--sector",
                service.sector,
                *profile_args,
                *encryption_args,
                *(["--protected"] if service.protected else []),
                "--json",
            ],
        )
    )
    if private_jwk:
        registration["client_jwk"] = private_jwk
    if encryption_jwk:
        registration["client_enc_jwk"] = encryption_jwk
    return registration


def service_environment(name, state_dir, issuer, registration, service_url, neighbours, ui_locales):
    env = {
        "DATABASE_URL": f"sqlite:///{state_dir / name}.db",
        "JAKI_ISSUER": issuer,
        "JAKI_CLIENT_ID": registration["client_id"],
        "JAKI_CLIENT_SECRET": registration.get("client_secret") or "",
        "SERVICE_URL": service_url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "NEIGHBOUR_SERVICES": json.dumps(neighbours),
    }
    if registration.get("client_jwk"):
        env["JAKI_CLIENT_JWK"] = registration["client_jwk"]
    if registration.get("client_enc_jwk"):
        env["JAKI_CLIENT_ENC_JWK"] = registration["client_enc_jwk"]
    if ui_locales:
        env["JAKI_UI_LOCALES"] = ui_locales
    return env


def start_stack(state_dir=DEFAULT_STATE_DIR, provider_port=None, service_ports=None, ui_locales=None):
    """Start the provider and the four services; ports default to free ones."""
    provider_port = provider_port or free_port()
    service_ports = service_ports or {name: free_port() for name in SERVICE_NAMES}
    for port in (provider_port, *service_ports.values()):
        ensure_port_free(port)
    state_dir = fresh_state_dir(state_dir)
    issuer = f"http://localhost:{provider_port}"
    service_urls = {name: f"http://localhost:{service_ports[name]}" for name in SERVICE_NAMES}
    services = {name: load_service(name).SERVICE for name in SERVICE_NAMES}
    neighbours = [{"name": name, "title": services[name].title, "url": service_urls[name]} for name in SERVICE_NAMES]

    provider_env = provider_environment(state_dir, issuer)
    run_flask_command(provider_env, ["db", "upgrade"])
    stack = Stack(issuer, service_urls, state_dir, processes=[])
    try:
        stack.processes.append(Process.start_provider(provider_env, provider_port, state_dir))
        discovery = wait_until_answering(f"{issuer}/.well-known/openid-configuration", stack.processes[0]).json()
        for name in SERVICE_NAMES:
            registration = register_service(
                provider_env, services[name], service_urls[name], discovery.get("scopes_supported"), state_dir
            )
            env = service_environment(name, state_dir, issuer, registration, service_urls[name], neighbours, ui_locales)
            stack.processes.append(Process.start_service(name, env, service_ports[name], state_dir))
        for name, process in zip(SERVICE_NAMES, stack.processes[1:], strict=True):
            wait_until_answering(service_urls[name], process)
    except BaseException:  # Ctrl-C included
        stack.stop()
        raise
    return stack


def print_welcome(stack):
    titles = {name: load_service(name).SERVICE.title for name in SERVICE_NAMES}
    print("\nJAKI ID demo is running.\n")
    print(f"  Start here (Perizinan): {stack.service_urls['permits']}\n")
    print(f"  JAKI ID (provider)      {stack.provider_url}")
    for name, url in stack.service_urls.items():
        print(f"  {titles[name]:<23} {url}")
    print(f"\n  Verification codes (dev SMS outbox): {stack.provider_url}/_dev/outbox")
    print(f"  Logs and databases: {stack.state_dir}")
    print("\nPress Ctrl-C to stop.", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run JAKI ID with the four agency services.")
    parser.add_argument("--provider-port", type=int, default=DEFAULT_PROVIDER_PORT)
    parser.add_argument(
        "--base-port", type=int, default=DEFAULT_BASE_PORT, help="first service port; the others follow in order"
    )
    parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_DIR)
    parser.add_argument("--ui-locales", help="e.g. en, passed to JAKI ID at sign-in")
    args = parser.parse_args(argv)
    # Stop the children on Ctrl-C even when started from a script that ignores
    # SIGINT (Python then leaves it ignored), and on `kill` or a closed terminal too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: sys.exit(0))
    service_ports = {name: args.base_port + i for i, name in enumerate(SERVICE_NAMES)}
    stack = None
    try:
        # start_stack stops whatever it started if it fails or is interrupted.
        stack = start_stack(args.state_dir, args.provider_port, service_ports, args.ui_locales)
        print_welcome(stack)
        while all(process.running() for process in stack.processes):
            time.sleep(1)
        print("A process stopped; see the logs in", stack.state_dir, file=sys.stderr)
        return 1
    except ProcessFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping.", flush=True)  # Ctrl-C is how the demo ends: no traceback
        return 0
    finally:
        # A second Ctrl-C must not cut the stop short and leave a service running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if stack is not None:
            stack.stop()


if __name__ == "__main__":
    sys.exit(main())
