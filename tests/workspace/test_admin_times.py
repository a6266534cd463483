"""Django admin's own time display (lists, history) in Helsinki time and Finnish formats:
`24.11.2026 klo 10.00`, never UTC's 08.00 nor Django's `24. marraskuuta 2026 kello 10.00`."""

import datetime as dt

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from bookings.models import Booking
from core.time import HELSINKI
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db
BOOKED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=HELSINKI)
START = dt.datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)  # 08.00 UTC
CHANGED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=HELSINKI)


def utc_clock_absent(html: str) -> bool:
    return not any(clock in html for clock in ("08:00", "08.00", " 8.00", "kello"))


def test_the_bookings_list_and_history_print_helsinki_time_as_finns_write_it(admin_client, admin_user):
    with time_machine.travel(BOOKED, tick=False):
        booking = BookingFactory(start=START)
    with time_machine.travel(CHANGED, tick=False):
        LogEntry.objects.log_actions(
            user_id=admin_user.pk,
            queryset=Booking.objects.filter(pk=booking.pk),
            action_flag=CHANGE,
            change_message="",
        )
    listing = admin_client.get(reverse("admin:bookings_booking_changelist")).content.decode()
    assert "24.11.2026 klo 10.00" in listing and utc_clock_absent(listing)
    history = admin_client.get(reverse("admin:bookings_booking_history", args=[booking.pk])).content.decode()
    assert "23.11.2026 klo 10.00" in history and utc_clock_absent(history)
    assert "ti 24.11.2026 klo 10.00" in history  # the title


def test_an_evening_event_is_at_18_in_the_calendar_agenda_and_its_lists(admin_client):
    from tests.events.factories import EventFactory

    with time_machine.travel(BOOKED, tick=False):
        event = EventFactory(days=4, hour=18)  # Tuesday 24.11.2026 18.00, 16.00 UTC
    day = event.start.astimezone(HELSINKI).date()
    pages = [
        reverse("admin:workspace_calendar") + f"?week={day.isocalendar().year}-W{day.isocalendar().week:02d}",
        reverse("admin:workspace_agenda") + f"?day={day.isoformat()}",
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:bookings_calendarblock_changelist"),
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        if "workspace" not in url and "/calendar/" not in url and "/agenda/" not in url:
            assert "klo 18.00" in html and "16.00" not in html and "16:00" not in html, url
            continue
        # The calendar's hour axis has 16.00 too: read the event's own entry.
        at = html.index("Avoin sointurentoutusilta")
        entry = html[max(0, at - 400) : at + 400]
        assert "18.00" in entry and "16.00" not in entry and "16:00" not in entry, (url, entry)
