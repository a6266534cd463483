"""The month page is cached for every visitor (bookings.views.month.cached_month): a calendar change
shows at once, and what belongs to one visitor is still made per request."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client

from tests.bookings.flow import DAY, NOW, SOMEONE, at, choice, html, url
from tests.factories import BookingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]


def free_times_on(page: str, day_label: str) -> int:
    match = re.search(rf"{re.escape(day_label)}, (\d+) vapaata? aika", page)
    assert match, day_label
    return int(match.group(1))


def test_a_booking_made_after_the_month_was_cached_is_gone_from_the_next_render(
    client, session_type, django_capture_on_commit_callbacks
):
    month = url("bookings:month", **choice())
    before = free_times_on(html(client.get(month)), "ke 3.3.2027")
    assert before == 10

    # Without a committed calendar change the page comes from the cache (the control) ...
    BookingFactory(session_type=session_type, start=at(DAY, "10:00"), client=SOMEONE, online=True)
    assert free_times_on(html(client.get(month)), "ke 3.3.2027") == before

    # ... and the version bump on commit of the next booking makes it stale at once.
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(session_type=session_type, start=at(DAY, "12:00"), client=SOMEONE, online=True)
    assert free_times_on(html(client.get(month)), "ke 3.3.2027") == before - 2


def test_the_cached_month_keeps_the_visitor_s_own_parts_per_request(client, session_type):
    month = url("bookings:month", **choice())
    client.get(month)  # cached now
    # A flash message of this visitor appears on the cached page.
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.ERROR, "Ajan varaaminen ei onnistunut")])
    page = html(client.get(month))
    assert "Ajan varaaminen ei onnistunut" in page
    # ... and neither it nor another query string ends up in what the next visitor gets.
    html(client.get(month + "&x=1"))
    plain = html(Client().get(month))
    assert "Ajan varaaminen ei onnistunut" not in plain and "x=1" not in plain
    assert "Ajan varaaminen ei onnistunut" not in html(client.get(month))  # shown once
    # The language switcher keeps this request's query string; other languages are separate entries.
    other = html(client.get(month + "&x=1"))
    assert "x=1" in other and "x=1" not in page.split("<main", 1)[0].split("lang-switch", 1)[1]
    english = html(client.get(url("bookings:month", lang="en", **choice())))
    assert "March 2027" in english and "Maaliskuu 2027" not in english
    # The month page has no form and no inline script: no CSRF token or nonce to go stale in it.
    assert "csrfmiddlewaretoken" not in page and "nonce=" not in page
    # A GET of the month does not start a session for a new visitor.
    assert "sessionid" not in Client().get(month).cookies


def test_a_session_type_taken_off_the_site_goes_from_the_cached_page_within_the_minute(client, session_type):
    month = url("bookings:month", **choice())
    assert client.get(month).status_code == 200
    session_type.is_active = False
    session_type.save()
    assert client.get(month).status_code == 200  # the cached page, until the minute changes
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        assert client.get(month).status_code == 404


def test_only_valid_choices_are_cached(client, session_type):
    session_type.modalities = "in_person"
    session_type.save()
    # Asked online, the type offers only meeting in person: that page is shown, not stored as online.
    for _ in range(2):
        page = html(client.get(url("bookings:month", **choice()))).replace("&amp;", "&").split("<main", 1)[1]
        assert "modality=in_person" in page and "modality=online" not in page
    assert client.get(url("bookings:month", **choice(month="2027-13"))).status_code == 302


def test_a_session_type_saved_in_admin_marks_cached_pages_stale(rf, django_capture_on_commit_callbacks):
    from django.contrib import admin as django_admin

    from bookings.cache import calendar_version
    from bookings.models import SessionType
    from tests.factories import StaffFactory, bookable

    _, session_type = bookable()
    model_admin = django_admin.site._registry[SessionType]
    request = rf.post("/")
    request.user = StaffFactory(is_superuser=True)
    before = calendar_version()
    session_type.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(request, session_type, form=None, change=True)
    assert calendar_version() == before + 1
