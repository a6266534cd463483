"""Busy times from external calendars and the site's own blocks share the calendar without
overlapping: cut around bookings, given back when a booking moves or is cancelled, unchanged
when nothing changed, and the site's own feed read back adds nothing."""

import datetime as dt

import pytest
import time_machine

from bookings import selectors
from bookings.actions.booking import block_reserve
from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.models import CalendarBlock
from calendar_sync import tasks
from calendar_sync.actions import (
    _insert,
    calendar_feed_regenerate,
    external_calendar_delete,
    external_calendars_sync_all,
)
from calendar_sync.feed import feed_ics, feed_url
from calendar_sync.models import ExternalBusyBlock
from config.celery import app as celery_app
from tests.calendar_sync.sources import (
    NOW,
    connect,
    event,
    external_blocks,
    ics,
    local,
    sync,
)
from tests.factories import BookingFactory, PractitionerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "sync_settings")]


def booked_under_external_busy_time(setup, server, capture, *, busy_until: int):
    """A booking on day 30 at 10-11, then a sync of a busy time from 9 to `busy_until`."""
    practitioner, session_type = setup
    booking = BookingFactory(
        session_type=session_type, start=local(30, 10), client_name="A", email="a@example.fi", online=True
    )
    busy = ics(event("e@x", local(30, 9), local(30, busy_until)))
    sync(connect(practitioner, server.serve("/cal.ics", busy)), capture)  # never crashes on the overlap
    return booking


def test_external_busy_time_goes_around_a_booking_and_fills_in_when_it_is_cancelled(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, session_type = setup
    booking = booked_under_external_busy_time(
        setup, server, django_capture_on_commit_callbacks, busy_until=13
    )

    assert external_blocks(practitioner) == [(local(30, 9), local(30, 10)), (local(30, 11), local(30, 13))]
    # Cancelled: the external busy time under it is back at once, not at the next sync.
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, by_user=practitioner.user)
    assert external_blocks(practitioner) == [(local(30, 9), local(30, 13))]
    assert server.httpd.hits == ["/cal.ics"]  # from what the last sync read: no new fetch
    day = local(30, 0).date()
    starts = [slot.start for slot in selectors.free_slots(session_type, day, day)]
    assert starts and not [start for start in starts if local(30, 8) < start < local(30, 13)]


def test_a_moved_booking_gives_the_external_busy_time_under_its_old_time_back(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    booking = booked_under_external_busy_time(
        setup, server, django_capture_on_commit_callbacks, busy_until=12
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking_reschedule(booking=booking, start=local(31, 10))
    assert external_blocks(practitioner) == [(local(30, 9), local(30, 12))]


def test_a_block_written_meanwhile_is_gone_around(setup, clock):
    practitioner, _ = setup
    source = connect(practitioner, "http://127.0.0.1/cal.ics")
    block_reserve(practitioner=practitioner, start=local(30, 10), end=local(30, 11), kind="time_off")
    # The piece was computed before the time off existed (another transaction, on PostgreSQL):
    # the guard refuses it whole, and it is written around the new block instead.
    _insert(practitioner, source.pk, local(30, 9), local(30, 12))
    assert external_blocks(practitioner) == [(local(30, 9), local(30, 10)), (local(30, 11), local(30, 12))]


def test_overlapping_sources_share_time_without_overlapping_blocks(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    first = connect(practitioner, server.serve("/a.ics", ics(event("a@x", local(30, 9), local(30, 12)))))
    second = connect(practitioner, server.serve("/b.ics", ics(event("b@x", local(30, 11), local(30, 14)))))
    counts = external_calendars_sync_all()
    assert counts == {"ok": 2, "failed": 0}
    assert external_blocks(practitioner) == [(local(30, 9), local(30, 12)), (local(30, 12), local(30, 14))]
    assert ExternalBusyBlock.objects.filter(calendar=second).count() == 1

    external_calendar_delete(calendar=first)

    assert external_blocks(practitioner) == [(local(30, 11), local(30, 14))]
    assert set(ExternalBusyBlock.objects.values_list("calendar", flat=True)) == {second.pk}


def test_an_inactive_source_gives_up_its_blocks_and_is_not_read(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))))
    sync(source, django_capture_on_commit_callbacks)
    source.active = False
    source.save()
    server.httpd.hits.clear()
    sync(source, django_capture_on_commit_callbacks)
    assert external_blocks(practitioner) == [] and server.httpd.hits == []


def test_unchanged_busy_times_keep_their_blocks(setup, server, clock, django_capture_on_commit_callbacks):
    practitioner, _ = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))))
    sync(source, django_capture_on_commit_callbacks)
    first = list(CalendarBlock.objects.filter(kind="external").values_list("pk", flat=True))
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        sync(source, django_capture_on_commit_callbacks)
    assert list(CalendarBlock.objects.filter(kind="external").values_list("pk", flat=True)) == first


def test_the_sites_own_feed_read_back_adds_nothing(setup, server, clock, django_capture_on_commit_callbacks):
    """A practitioner who subscribed their calendar to our feed and connects that calendar back."""
    practitioner, session_type = setup
    BookingFactory(
        session_type=session_type, start=local(30, 10), client_name="A", email="a@example.fi", online=True
    )
    token = calendar_feed_regenerate(practitioner=practitioner)
    feed = feed_ics(practitioner)
    assert b"booking-" in feed and feed_url(token)
    source = connect(practitioner, server.serve("/google.ics", feed))
    assert sync(source, django_capture_on_commit_callbacks).busy_times == 0
    assert external_blocks(practitioner) == []


def test_webcal_addresses_are_read_as_https(setup, clock, django_capture_on_commit_callbacks):
    practitioner, _ = setup
    # Nothing listens on 127.0.0.1:443 here: the point is that webcal:// became an https request.
    source = connect(practitioner, "webcal://127.0.0.1:9/cal.ics")
    result = sync(source, django_capture_on_commit_callbacks)
    assert not result.ok and "could not be reached" in result.error


def test_the_periodic_task_syncs_every_active_source_and_is_scheduled_every_10_minutes(setup, server, clock):
    practitioner, _ = setup
    connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))))
    connect(practitioner, server.serve("/broken.ics", b"nonsense"))
    connect(PractitionerFactory(), server.serve("/off.ics", ics()), active=False)

    assert tasks.sync_external_calendars() == str({"ok": 1, "failed": 1})

    assert "/off.ics" not in server.httpd.hits
    entry = celery_app.conf.beat_schedule["sync-external-calendars"]
    assert entry["task"] == tasks.sync_external_calendars.name and entry["schedule"] == 600
