"""External calendars read over real HTTP (a server on 127.0.0.1 in a thread): busy times become
calendar blocks that remove slots and stop bookings; failing sources keep their last good data;
the window reaches as far as a series can be booked."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext_lazy

from bookings.actions.booking import block_reserve, booking_create
from bookings.actions.common import Client
from bookings.exceptions import OutsideAvailability, SlotTaken
from calendar_sync.models import ExternalBusyBlock
from core.time import HELSINKI
from tests.calendar_sync.sources import (
    NOW,
    Route,
    api_starts,
    connect,
    event,
    external_blocks,
    ics,
    local,
    sync,
)
from tests.factories import bookable
from tests.support.seams import calendar_checks_off

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "sync_settings")]


def test_busy_times_remove_slots_from_the_availability_api(
    client, setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    url = server.serve("/cal.ics", ics(event("dentist@example.com", local(30, 10), local(30, 12))))
    source = connect(practitioner, url)
    before = api_starts(client, "2027-03-30")
    assert {"10:00", "11:00"} <= before

    result = sync(source, django_capture_on_commit_callbacks)

    assert result.ok and result.busy_times == 1
    assert before - api_starts(client, "2027-03-30") == {"10:00", "11:00"}
    source.refresh_from_db()
    assert source.last_success_at == NOW and source.last_error == ""
    # Only start and end are kept: no title, no attendee, anywhere.
    assert source.busy_times == [
        [local(30, 10).astimezone(dt.UTC).isoformat(), local(30, 12).astimezone(dt.UTC).isoformat()]
    ]
    assert ExternalBusyBlock.objects.get().calendar == source


def test_a_booking_cannot_be_made_over_an_external_busy_time(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, session_type = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 10), local(30, 12)))))
    client = Client(name="Maija Virtanen", email="maija@example.fi")
    sync(source, django_capture_on_commit_callbacks)

    with pytest.raises(OutsideAvailability):
        booking_create(session_type=session_type, start=local(30, 10), modality="online", client=client)
    # The guard itself refuses the time too, whatever the caller checked.
    with pytest.raises(SlotTaken):
        block_reserve(practitioner=practitioner, start=local(30, 11), end=local(30, 13), kind="booking")
    # Negative control: outside the busy time the same booking goes through.
    booking, _ = booking_create(
        session_type=session_type, start=local(30, 12), modality="online", client=client
    )
    assert booking.start == local(30, 12)


@pytest.mark.postgres
def test_the_database_refuses_a_booking_over_an_external_busy_time(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, session_type = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 10), local(30, 12)))))
    sync(source, django_capture_on_commit_callbacks)
    client = Client(name="Maija Virtanen", email="maija@example.fi")
    with calendar_checks_off(), pytest.raises(SlotTaken):  # no check in Python: the constraint refuses
        booking_create(session_type=session_type, start=local(30, 10), modality="online", client=client)


def test_recurring_event_with_exceptions_across_the_daylight_saving_change(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    weekly = event(
        "weekly@example.com",
        local(25, 9),
        local(25, 10),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=Europe/Helsinki:20270408T090000",
    )
    moved = event(
        "weekly@example.com",
        local(1, 14, month=4),
        local(1, 15, month=4),
        "RECURRENCE-ID;TZID=Europe/Helsinki:20270401T090000",
    )
    source = connect(practitioner, server.serve("/cal.ics", ics(weekly, moved)))

    sync(source, django_capture_on_commit_callbacks)

    utc = lambda *a: dt.datetime(*a, tzinfo=dt.UTC)  # noqa: E731
    assert external_blocks(practitioner) == [
        (utc(2027, 3, 25, 7), utc(2027, 3, 25, 8)),  # 09:00 EET
        (utc(2027, 4, 1, 11), utc(2027, 4, 1, 12)),  # moved to 14:00 EEST
        (utc(2027, 4, 15, 6), utc(2027, 4, 15, 7)),  # 09:00 EEST; 8 April excluded
    ]


def test_all_day_and_transparent_events(client, setup, server, clock, django_capture_on_commit_callbacks):
    practitioner, _ = setup
    all_day = "\r\n".join(
        [
            "BEGIN:VEVENT",
            "UID:away@x",
            "DTSTAMP:20270101T000000Z",
            "DTSTART;VALUE=DATE:20270331",
            "DTEND;VALUE=DATE:20270401",
            "END:VEVENT",
        ]
    )
    free = event("free@x", local(30, 9), local(30, 17), "TRANSP:TRANSPARENT")
    source = connect(practitioner, server.serve("/cal.ics", ics(all_day, free)))

    sync(source, django_capture_on_commit_callbacks)

    assert external_blocks(practitioner) == [(local(31, 0), local(1, 0, month=4))]
    assert api_starts(client, "2027-03-31") == set()
    assert len(api_starts(client, "2027-03-30")) == 10  # the free event takes nothing


def test_a_failing_source_keeps_its_last_good_busy_times_and_records_the_error(
    client, setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    url = server.serve("/cal.ics", ics(event("e@x", local(30, 10), local(30, 12))))
    source = connect(practitioner, url)
    sync(source, django_capture_on_commit_callbacks)
    good = external_blocks(practitioner)
    assert good

    failures = [
        (Route(b"<html><body>Please sign in</body></html>"), "not iCalendar data"),
        (Route(b"oops", status=500), "HTTP 500"),
        (Route(ics(), delay=2.5), "did not answer in time"),
    ]
    for route, message in failures:
        server.httpd.routes["/cal.ics"] = route
        with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
            result = sync(source, django_capture_on_commit_callbacks)
        source.refresh_from_db()
        assert not result.ok and message in result.error
        assert message in source.last_error  # stored in the practitioner's language (here English msgid)
        assert source.last_success_at == NOW and source.last_attempt_at == NOW + dt.timedelta(minutes=10)
        assert external_blocks(practitioner) == good
        assert api_starts(client, "2027-03-30")  # the booking pages keep working

    server.serve("/cal.ics", ics())
    assert sync(source, django_capture_on_commit_callbacks).ok
    source.refresh_from_db()
    assert source.last_error == "" and external_blocks(practitioner) == []


def test_the_error_is_stored_in_the_practitioners_language(
    setup, server, clock, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    practitioner.language = "sv"
    practitioner.save()
    source = connect(practitioner, server.serve("/cal.ics", b"garbage"))
    with translation.override("sv"):
        expected = str(gettext_lazy("The answer is not iCalendar data."))
    # Swedish once bookings/locale/sv is compiled with this msgid (its .po already translates it).
    assert sync(source, django_capture_on_commit_callbacks).error == expected


@pytest.mark.parametrize("with_length", [True, False], ids=["declared", "streamed"])
def test_a_10_mb_calendar_is_refused(setup, server, clock, with_length, django_capture_on_commit_callbacks):
    practitioner, _ = setup
    source = connect(
        practitioner, server.serve("/small.ics", ics(event("e@x", local(30, 10), local(30, 12))))
    )
    sync(source, django_capture_on_commit_callbacks)
    huge = ics(*[event(f"e{n}@x", local(30, 13), local(30, 14)) for n in range(1)]) + b" " * (10 * 2**20)
    source.url = server.serve("/huge.ics", huge, length=with_length)
    source.save()

    result = sync(source, django_capture_on_commit_callbacks)

    assert not result.ok and result.error == "The calendar is larger than 5 MB."
    assert external_blocks(practitioner) == [(local(30, 10), local(30, 12))]


def test_redirects_are_followed_only_to_http(setup, server, clock, django_capture_on_commit_callbacks):
    practitioner, _ = setup
    server.serve("/real.ics", ics(event("e@x", local(30, 10), local(30, 11))))
    source = connect(practitioner, server.serve("/moved.ics", status=302, headers={"Location": "/real.ics"}))
    assert sync(source, django_capture_on_commit_callbacks).ok
    assert external_blocks(practitioner) == [(local(30, 10), local(30, 11))]

    source.url = server.serve("/sneaky.ics", status=301, headers={"Location": "file:///etc/passwd"})
    source.save()
    result = sync(source, django_capture_on_commit_callbacks)
    assert not result.ok and result.error == "Only http and https addresses can be read."

    source.url = server.serve("/loop.ics", status=302, headers={"Location": "/loop.ics"})
    source.save()
    assert sync(source, django_capture_on_commit_callbacks).error == "The address redirects too many times."


def test_private_addresses_are_refused_unless_allowed(
    setup, server, clock, settings, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE = False
    source = connect(practitioner, server.serve("/cal.ics", ics()))
    result = sync(source, django_capture_on_commit_callbacks)
    assert not result.ok and "private or local network" in result.error
    assert server.httpd.hits == []  # refused before connecting


# --- the window reaches as far as a series can be booked ----------------------------------------------


@pytest.mark.parametrize(("service", "read"), [("supervision", True), ("sound_relaxation", False)])
def test_a_busy_time_200_days_ahead_is_a_block_when_a_series_can_be_booked_that_far(
    server, clock, django_capture_on_commit_callbacks, settings, service, read
):
    practitioner, session_type = bookable(service=service)  # horizon 120 days for a single booking
    assert session_type.horizon_days < 200 < settings.SERIES_HORIZON_DAYS
    day = NOW.astimezone(HELSINKI).date() + dt.timedelta(days=200)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=HELSINKI)
    source = connect(
        practitioner, server.serve("/far.ics", ics(event("far@x", start, start + dt.timedelta(hours=2))))
    )

    result = sync(source, django_capture_on_commit_callbacks)

    assert result.ok
    # Supervision is booked as a series up to SERIES_HORIZON_DAYS ahead: that far is checked too.
    # A practitioner offering no series type keeps the single-booking horizon (the control).
    assert external_blocks(practitioner) == ([(start, start + dt.timedelta(hours=2))] if read else [])
