#!/usr/bin/env python3
"""The two commands of the README, on a machine with only Python 3.11:

    python3 dev.py run     # JAKI ID and the demo services, on SQLite
    python3 dev.py test    # the whole test suite (pytest arguments may follow)
    python3 dev.py lint    # ruff (lint and format) and mypy, as CI runs them

Both create `.venv/` and install the pinned requirements into it first.
"""

import hashlib
import os
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


def run(args):
    ensure_venv("requirements.txt")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # show the URLs as soon as they are known
    return subprocess.call([str(PYTHON), "-m", "demo.stack", *args], cwd=ROOT, env=env)


def test(args):
    ensure_venv("requirements-dev.txt")
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)


def lint(_args):
    ensure_venv("requirements-dev.txt")
    tools = [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]]
    failed = [" ".join(tool) for tool in tools if subprocess.call([str(PYTHON), "-m", *tool], cwd=ROOT)]
    if failed:
        print(f"lint failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


COMMANDS = {"run": run, "test": test, "lint": lint}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
