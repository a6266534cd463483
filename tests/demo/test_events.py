"""make demo: an upcoming event with free seats, one that is full with people waiting, and a
supervision series in progress; running it again changes nothing."""

import io

import pytest

from demo.management.commands.demo import LOADERS
from events.models import Event, SeatBooking, WaitlistEntry
from events.selectors import seats_left, upcoming_public_events
from series.models import Series
from series.selectors import series_counts, series_with_sessions

pytestmark = pytest.mark.django_db


class Out(io.StringIO):
    def write(self, text):
        return super().write(text + "\n")


def test_the_demo_has_an_open_event_a_full_one_with_a_waitlist_and_a_series_in_progress(client):
    for part in LOADERS:
        part.load(Out())
    events = upcoming_public_events()
    left = sorted(seats_left(e) for e in events)
    assert len(events) == 2 and left[0] == 0 and left[1] > 0
    full = next(e for e in events if seats_left(e) == 0)
    assert full.waiting == 2
    series = series_with_sessions(Series.objects.get().pk)
    counts = series_counts(series)
    assert counts.used >= 1 and counts.left >= 1 and counts.total == 6
    assert series.agreement.status == "confirmed"
    for event in events:
        assert client.get(f"/en/booking/events/{event.slug}/").status_code == 200
    totals = (
        Event.objects.count(),
        SeatBooking.objects.count(),
        WaitlistEntry.objects.count(),
        Series.objects.count(),
    )
    for part in LOADERS:
        part.load(Out())
    assert totals == (
        Event.objects.count(),
        SeatBooking.objects.count(),
        WaitlistEntry.objects.count(),
        Series.objects.count(),
    )
