"""The services are agencies of their own: no provider code, no launcher, no shared subjects."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from demo.serve import SERVICE_NAMES, load_service

CLIENTS_DIR = Path(__file__).resolve().parents[2] / "clients"


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_no_service_imports_the_provider():
    offenders = [
        str(path)
        for path in CLIENTS_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module in ("idp", "config", "wsgi") or module.startswith("idp.")
    ]

    assert offenders == []


def test_no_service_imports_the_demo_launcher():
    # An agency copies one service and common/ without demo/, which only runs the demo.
    offenders = [
        str(path)
        for path in CLIENTS_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    ]

    assert offenders == []


def test_no_service_imports_another_service():
    for name in SERVICE_NAMES:
        others = {f"clients.{other}" for other in SERVICE_NAMES if other != name}
        for path in (CLIENTS_DIR / name).rglob("*.py"):
            for module in imported_modules(path):
                assert not any(module == o or module.startswith(f"{o}.") for o in others), path


def test_each_service_is_its_own_pairwise_sector_and_cookie():
    services = [load_service(name).SERVICE for name in SERVICE_NAMES]

    assert len({service.sector for service in services}) == len(services)
    assert len({service.session_cookie_name for service in services}) == len(services)


# Run in a fresh interpreter that sees only the copy: not the repository, not `tests`.
COPIED_SERVICE_CHECK = """
import importlib, importlib.util, sys
copy_dir, name = sys.argv[1:]
sys.path.insert(0, copy_dir)
assert not any(importlib.util.find_spec(m) for m in ("idp", "demo", "config", "tests")), "not isolated"
service = importlib.import_module(f"clients.{name}")
assert service.__file__.startswith(copy_dir), service.__file__
app = service.create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "JAKI_CLIENT_ID": "c",
                          "JAKI_CLIENT_SECRET": "s", "SECRET_KEY": "k"})
with app.app_context():
    service.db.create_all()
    service.create_demo_data()
response = app.test_client().get("/")
assert response.status_code == 200, response.status
"""


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_one_service_copied_with_common_alone_runs(name, tmp_path):
    copy = tmp_path / "clients"
    copy.mkdir()
    shutil.copy(CLIENTS_DIR / "__init__.py", copy)
    for package in ("common", name):
        shutil.copytree(CLIENTS_DIR / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))

    result = subprocess.run(
        [sys.executable, "-I", "-c", COPIED_SERVICE_CHECK, str(tmp_path), name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
