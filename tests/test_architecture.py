"""Who may import whom (ARCHITECTURE.md): arrows point down only. Checked by reading every module.

config/ is the wiring (urls include every app) and is not listed."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "bookings": {"mediation", "services"},
    "services": {"mediation"},
    "notifications": {"bookings", "services", "mediation"},
    "privacy": {"bookings", "services", "mediation", "notifications"},
    # The practice's identity: above core, below everything that shows it.
    "practice": {
        "bookings",
        "services",
        "mediation",
        "notifications",
        "privacy",
        "events",
        "series",
        "calendar_sync",
        "workspace",
        "api",
        "demo",
    },
    "core": {"bookings", "services", "mediation", "notifications", "privacy", "practice"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_apps_import_only_downwards(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and imported_apps(path) & FORBIDDEN[app]
    }
    assert offenders == {}
