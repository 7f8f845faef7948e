"""The services are agencies of their own: no provider code, no shared subjects."""

import ast
from pathlib import Path

from clients.serve import SERVICE_NAMES, load_service

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
        str(path) for path in CLIENTS_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module in ("idp", "config", "wsgi") or module.startswith("idp.")
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
