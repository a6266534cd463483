"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide every page reads without scrolling sideways, in
Finnish, Swedish and English (long compound words, e-mail addresses, price tables, cards)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from bookings import selectors
from bookings.actions.booking import booking_create
from bookings.actions.common import Client
from bookings.views.flow import step_url
from services.seo import SITEMAP_PAGES
from tests.events.factories import EventFactory
from tests.factories import bookable

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_content"),
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]
LANGUAGES = ("fi", "sv", "en")


def addresses() -> list[str]:
    """Every public page, the booking steps, an event and a client's own booking page."""
    _practitioner, session_type = bookable(slug="yksilo", modalities="online", min_notice_hours=2)
    event = EventFactory(days=10, capacity=8)
    today = timezone.localdate()
    first = selectors.free_slots(session_type, today + dt.timedelta(days=1), today + dt.timedelta(days=14))[0]
    _booking, token = booking_create(
        session_type=session_type,
        start=first.start,
        modality="online",
        client=Client(name="Maija Meikäläinen", email="maija.meikalainen@esimerkkiyritys.fi"),
    )
    found = []
    for lang in LANGUAGES:
        with translation.override(lang):
            found += [step_url(name) for name, _key, _p in SITEMAP_PAGES]
            found += [
                step_url("bookings:start"),
                step_url("bookings:month", type="yksilo", modality="online"),
                step_url(
                    "bookings:times", type="yksilo", modality="online", date=first.start.date().isoformat()
                ),
                step_url("events:events"),
                step_url("events:event", event.slug),
                step_url("series:series_plan"),
                step_url("bookings:manage", token),
            ]
    return found


def test_every_page_reads_at_320_pixels_without_scrolling_sideways(chromium, live_server):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    for address in addresses():
        response = page.goto(live_server.url + address)
        assert response.status == 200, address
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            too_wide[address] = page.evaluate(
                "() => [...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > 321)"
                ".slice(-3).map(e => e.tagName + '.' + e.className)"
            )
    context.close()
    assert too_wide == {}
