#!/usr/bin/env python3
"""The README's commands, on a machine with only Python 3.11:

    python3 dev.py run     # JAKI ID and the demo services, on SQLite
    python3 dev.py test    # the whole test suite (pytest arguments may follow)
    python3 dev.py lint    # ruff (lint and format) and mypy, as CI runs them
    python3 dev.py flask   # the provider's `flask` commands on the demo's database,
                           # e.g. `python3 dev.py flask clients list`

Each creates `.venv/` and installs the pinned requirements into it first.
"""

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(requirements: str):
    """Create the venv and install `requirements` unless already installed."""
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / "requirements.txt", ROOT / requirements]
    stamp = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    marker = VENV / f".installed-{requirements}"
    if marker.exists() and marker.read_text() == stamp:
        return
    print(f"Installing {requirements} ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(ROOT / requirements)],
        check=True,
    )
    marker.write_text(stamp)


def foreground(command, env=None):
    """Run `command` and wait for it to finish, even after Ctrl-C.

    The terminal sends Ctrl-C to the child too, and the child decides how to stop
    (the demo stops every service first). subprocess.call would kill it after a
    quarter of a second and print our own KeyboardInterrupt traceback.
    """
    # A handler, not SIG_IGN: the child starts with the default (exec resets handlers).
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        returncode = subprocess.Popen(command, cwd=ROOT, env=env).wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return returncode if returncode >= 0 else 128 - returncode  # killed by a signal: as a shell says


def run(args):
    ensure_venv("requirements.txt")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # show the URLs as soon as they are known
    return foreground([str(PYTHON), "-m", "demo.stack", *args], env)


def flask(args):
    ensure_venv("requirements.txt")
    return foreground([str(PYTHON), "-m", "demo.flask_cli", *args])


def test(args):
    ensure_venv("requirements-dev.txt")
    return foreground([str(PYTHON), "-m", "pytest", *args])


def lint(_args):
    ensure_venv("requirements-dev.txt")
    tools = [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]]
    failed = [" ".join(tool) for tool in tools if subprocess.call([str(PYTHON), "-m", *tool], cwd=ROOT)]
    if failed:
        print(f"lint failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


COMMANDS = {"run": run, "test": test, "lint": lint, "flask": flask}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
    except KeyboardInterrupt:  # while creating .venv or installing: stop quietly
        sys.exit(130)
