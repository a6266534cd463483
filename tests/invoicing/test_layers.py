"""Invoicing sits above bookings, events, series and mediation: it reads them, and nothing below it
imports invoicing (the workspace above may, for the export's invoice columns)."""

import pytest

from tests.test_architecture import ROOT, imported_apps

BELOW = (
    "core",
    "practice",
    "privacy",
    "notifications",
    "bookings",
    "events",
    "series",
    "calendar_sync",
    "mediation",
    "services",
)


@pytest.mark.parametrize("app", BELOW)
def test_nothing_below_invoicing_imports_it(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "invoicing" in imported_apps(path)
    ]
    assert offenders == []


def test_invoicing_imports_no_app_above_it():
    above = {"workspace", "api", "demo", "config"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & above)
        for path in (ROOT / "invoicing").rglob("*.py")
        if "migrations" not in path.parts and imported_apps(path) & above
    }
    assert offenders == {}
