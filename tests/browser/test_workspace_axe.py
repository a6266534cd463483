"""axe-core on the practitioner's workspace with the demo's content, as the demo practitioner sees it:
the sign-in page, the calendar, agenda, requests, hours, overview, export, booking on behalf, the
mediation case desk, its details form, a meeting's times to propose, an event with its seats, and
admin's own front page and a list. No violation, no request leaving the machine, no page scrolls
sideways, and the case's pages fit on a few screens."""

from pprint import pformat

import pytest
from playwright.sync_api import expect

from demo import calendar, events, mediation, practice, workspace
from events.models import Event
from mediation.actions.scheduling import meeting_create
from mediation.models import MediationCase, Meeting
from tests.browser.conftest import axe_violations
from tests.browser.practitioner import WIDE, demo_loaded, sign_in

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
PAGES = [
    "/admin/",
    "/admin/calendar/",
    "/admin/calendar/?view=month",
    "/admin/agenda/",
    "/admin/requests/",
    "/admin/hours/",
    "/admin/overview/",
    "/admin/bookings/booking/",
    "/admin/export/",
    "/admin/book/",
]
# The case's desk, and its details form: each was once a form about 5,200 px tall.
TALLEST_CASE_PAGE = 2500


@pytest.fixture
def demo(tmp_path, monkeypatch):
    return demo_loaded(tmp_path, monkeypatch, calendar, practice, events, workspace, mediation)


@pytest.mark.django_db(transaction=True)
def test_the_workspace_pages_have_no_accessibility_violations(page, live_server, demo):
    page.set_viewport_size(WIDE)
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/admin/login/")
    found = {"/admin/login/": violations} if (violations := axe_violations(page)) else {}
    sign_in(page, live_server)
    case = MediationCase.objects.order_by("pk").first()
    event = Event.objects.order_by("start").first()
    meeting = meeting_create(
        case=case, kind=Meeting.Kind.JOINT, parties=list(case.parties.all()), duration_minutes=120
    )
    case_pages = [
        f"/admin/mediation/mediationcase/{case.pk}/change/",
        f"/admin/mediation/mediationcase/{case.pk}/change/?edit=1",
    ]
    # The scheduling poll's page: free times to offer, or another date and time.
    times = f"/admin/mediation/meeting/{meeting.pk}/times/"
    for path in [*PAGES, *case_pages, times, f"/admin/events/event/{event.pk}/change/"]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        if violations := axe_violations(page):
            found[path] = violations
        if page.evaluate("document.documentElement.scrollWidth") > WIDE["width"]:
            found[path] = "scrolls sideways"
    assert found == {}, pformat(found)
    for path in case_pages:
        page.goto(live_server.url + path)
        assert page.evaluate("document.body.scrollHeight") < TALLEST_CASE_PAGE, path
    assert csp == [] and page.outside_requests == []
