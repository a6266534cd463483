"""Events and series in Chromium at a phone's size: booking seats, joining the waitlist and booking
a supervision series with JavaScript off; axe finds nothing on the event and series pages."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from bookings.actions.common import Client
from core.time import HELSINKI
from events.actions.seats import seat_book
from events.actions.waitlist import waitlist_join
from events.models import SeatBooking, WaitlistEntry
from series.actions.series import series_create
from series.models import Series
from tests.browser.conftest import axe_violations
from tests.events.factories import EventFactory
from tests.factories import bookable

# The live server's request threads leave SQLite connections for the garbage collector; pytest
# reports them as unraisable ResourceWarnings at whichever test collects them (see conftest.py).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.SPAM_MIN_FILL_SECONDS = (
        -1
    )  # the stamp is rounded to 0.1 s: with 0 a quick post can be "too fast"
    cache.clear()


def en(live_server, name, *args) -> str:
    with translation.override("en"):
        return live_server.url + reverse(name, args=args or None)


def no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def test_booking_seats_with_javascript_off(page_nojs, live_server):
    page = page_nojs
    event = EventFactory(capacity=6)
    page.goto(en(live_server, "events:events"))
    expect(page.locator("h1")).to_have_text("Open events")
    page.get_by_role("link", name="Book seats").first.click()
    expect(page.locator("h1")).to_have_text(event.title_en)
    page.get_by_label("Name").fill("Liisa Mäkelä")
    page.get_by_label("Email").fill("liisa@example.fi")
    page.locator("#id_seats").select_option("2")
    page.get_by_label("Pregnancy").check()
    page.get_by_role("button", name="Book the seats").click()
    # Health information without consent: the error is at the consent box and on top; nothing is lost.
    expect(page.locator(".error-summary a[href='#id_consent']")).to_have_count(1)
    assert page.get_by_label("Name").input_value() == "Liisa Mäkelä"
    assert page.get_by_label("Pregnancy").is_checked()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Book the seats").click()
    expect(page.locator("h1")).to_have_text("Your seats")
    expect(page.locator(".status")).to_contain_text("Confirmed: 2 seats")
    seat = SeatBooking.objects.get()
    assert seat.seats == 2 and seat.health["conditions"] == ["pregnancy"]
    page.get_by_label("Seats to cancel").select_option("1")
    page.get_by_role("button", name="Cancel these seats").click()
    expect(page.locator(".flash")).to_contain_text("You now have 1 seat.")
    assert page.outside_requests == []


def test_joining_the_waitlist_of_a_full_event_with_javascript_off(page_nojs, live_server):
    page = page_nojs
    event = EventFactory(capacity=2)
    seat_book(event=event, name="Ensin", email="first@example.fi", seats=2)
    page.goto(en(live_server, "events:event", event.slug))
    expect(page.locator("#seats-status")).to_contain_text("Full — join the waitlist")
    assert page.get_by_role("button", name="Book the seats").count() == 0
    page.locator("#id_waitlist-name").fill("Mikko Salonen")
    page.locator("#id_waitlist-email").fill("mikko@example.fi")
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.locator("h1")).to_have_text("Your place in the waitlist")
    expect(page.locator(".waitlist-status")).to_contain_text("you are number 1 in line")
    entry = WaitlistEntry.objects.get()
    assert entry.status == WaitlistEntry.Status.WAITING


def test_booking_a_supervision_series_with_javascript_off(page_nojs, live_server):
    page = page_nojs
    bookable(
        slug="ryhma", name="Ryhmätyönohjaus", name_en="Group supervision", audience="group",
        group_min=3, group_max=6, min_notice_hours=2, modalities="online",
    )  # fmt: skip
    first = timezone.now().astimezone(HELSINKI).date() + dt.timedelta(days=7)
    page.goto(en(live_server, "series:series_plan"))
    expect(page.locator("h1")).to_have_text("Book a supervision series")
    page.get_by_label("Online").check()
    page.locator("#id_first").fill(first.isoformat())
    page.locator("#id_time").fill("10:00")
    page.locator("#id_cadence").select_option("2w")
    page.locator("#id_count").fill("4")
    page.get_by_role("button", name="Check the times").click()
    expect(page.locator(".plan-result")).to_contain_text("All 4 times are free.")
    page.get_by_role("link", name="Continue to your details").click()
    expect(page.locator("h1")).to_have_text("Your organisation's details")
    page.locator("#id_name").fill("Hanna Koskinen")
    page.locator("#id_email").fill("hanna@example.fi")
    page.locator("#id_group_size").fill("5")
    page.locator("#id_organisation_name").fill("Esimerkkikunta")
    page.locator("#id_business_id").fill("1234567-8")
    page.locator("#id_einvoice_address").fill("003702012566")
    page.locator("#id_einvoice_operator").fill("003721291126")
    page.locator("#id_goals").fill("Yhteinen suunta")
    page.locator("#id_accept").check()
    page.get_by_role("button", name="Book all 4 sessions").click()
    expect(page.locator(".error-summary a[href='#id_business_id']")).to_have_count(1)
    page.locator("#id_business_id").fill("0201256-6")
    page.get_by_role("button", name="Book all 4 sessions").click()
    expect(page.locator("h1")).to_have_text("Your supervision series")
    expect(page.locator(".counts")).to_contain_text("Used 0, left 4 (of 4).")
    assert Series.objects.get().sessions.count() == 4
    page.get_by_role("link", name="Read and confirm the agreement").click()
    page.locator("#id_confirmed_by").fill("Hanna Koskinen")
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Confirm the agreement").click()
    expect(page.locator(".flash")).to_contain_text("the agreement is confirmed")


def test_event_and_series_pages_have_no_accessibility_violations(page, live_server):
    open_event = EventFactory(capacity=4)
    full = EventFactory(days=12, capacity=1, session_type=open_event.session_type)
    seat_book(event=full, name="A", email="a@example.fi", seats=1)
    _seat, seats_token = seat_book(event=open_event, name="B", email="b@example.fi", seats=1)
    _entry, waitlist_token = waitlist_join(event=full, name="C", email="c@example.fi", seats=1)
    for url in (
        en(live_server, "events:events"),
        en(live_server, "events:event", open_event.slug),
        en(live_server, "events:event", full.slug),
        en(live_server, "events:seats", seats_token),
        en(live_server, "events:waitlist_entry", waitlist_token),
        en(live_server, "series:series_plan"),
    ):
        page.goto(url)
        expect(page.locator("h1"), url).to_have_count(1)
        no_axe_violations(page)
    # The form's errors too.
    page.goto(en(live_server, "events:event", open_event.slug))
    page.get_by_role("button", name="Book the seats").click()
    expect(page.locator(".error-summary")).to_have_count(1)
    no_axe_violations(page)
    assert page.outside_requests == []


def test_series_pages_have_no_accessibility_violations(page, live_server):
    session_type = bookable(slug="ryhma", audience="group", group_min=3, group_max=6, min_notice_hours=2)[1]
    first = timezone.now().astimezone(HELSINKI).date() + dt.timedelta(days=7)
    query = f"?type=ryhma&modality=online&first={first.isoformat()}&time=10:00&cadence=2w&count=3"
    page.goto(en(live_server, "series:series_plan") + query)
    no_axe_violations(page)
    page.goto(en(live_server, "series:series_details") + query)
    no_axe_violations(page)
    starts = [
        dt.datetime.combine(first + dt.timedelta(weeks=2 * n), dt.time(10), tzinfo=HELSINKI) for n in range(3)
    ]
    client = Client(name="Hanna", email="h@example.fi", organisation={"organisation_name": "Kunta"})
    _series, token = series_create(
        session_type=session_type, modality="online", starts=starts, cadence="2w", client=client
    )
    for name in ("series:series", "series:series_agreement"):
        page.goto(en(live_server, name, token))
        expect(page.locator("h1")).to_have_count(1)
        no_axe_violations(page)
    page.goto(en(live_server, "series:series_session", token, 2))
    no_axe_violations(page)
