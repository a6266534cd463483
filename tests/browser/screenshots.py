"""The README's pictures of the practitioner's desk, taken from the demo content in Chromium:
`pytest tests/browser/screenshots.py` (not part of the suite: its name is not test_*) writes
docs/admin-calendar.png (next week's calendar) and docs/admin-case.png (the mediation case desk)."""

from pathlib import Path

import pytest

from demo import calendar, events, mediation, practice, series, workspace
from mediation.models import MediationCase
from tests.browser.practitioner import WIDE, demo_loaded, sign_in

DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.mark.django_db(transaction=True)
def test_readme_screenshots(chromium, live_server, tmp_path, monkeypatch):
    demo_loaded(tmp_path, monkeypatch, calendar, practice, events, series, workspace, mediation)
    context = chromium.new_context(viewport=WIDE, locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/calendar/")
    page.click("#toggle-nav-sidebar")  # the page's own width for the calendar (remembered by admin)
    with page.expect_navigation():
        page.locator("a.ws-next").first.click()
    page.screenshot(path=DOCS / "admin-calendar.png")
    case = MediationCase.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/mediation/mediationcase/{case.pk}/change/")
    page.screenshot(path=DOCS / "admin-case.png")
    context.close()
