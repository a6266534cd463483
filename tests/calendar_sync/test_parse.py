"""Reading busy times out of iCalendar data: pure functions, no database, no network."""

import datetime as dt
import itertools

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_sync.exceptions import SyncError
from calendar_sync.fetch import calendar_data
from calendar_sync.parse import MAX_OCCURRENCES, assign, busy_intervals, merge, own_uid_check, subtract


@pytest.fixture(autouse=True)
def _english():
    """These tests read the error texts as written (English msgids); the site's default is Finnish."""
    with translation.override("en"):
        yield


UTC = dt.UTC
HELSINKI_TZ = """BEGIN:VTIMEZONE
TZID:Europe/Helsinki
BEGIN:DAYLIGHT
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
DTSTART:19700329T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZNAME:EEST
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
DTSTART:19701025T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZNAME:EET
END:STANDARD
END:VTIMEZONE"""


def ics(*events: str, timezone: str = HELSINKI_TZ) -> bytes:
    body = "\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", timezone, *events, "END:VCALENDAR"]
    )
    return (body.strip() + "\n").replace("\n", "\r\n").encode()


def event(uid: str, *lines: str) -> str:
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20270101T000000Z", "SUMMARY:Private", *lines, "END:VEVENT"]
    )


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


SPRING = {"start": utc(2027, 3, 1), "end": utc(2027, 5, 1)}


def test_weekly_event_keeps_its_helsinki_hour_across_the_spring_change_with_exdate_and_a_moved_instance():
    data = ics(
        event(
            "weekly@example.com",
            "DTSTART;TZID=Europe/Helsinki:20270315T100000",
            "DTEND;TZID=Europe/Helsinki:20270315T110000",
            "RRULE:FREQ=WEEKLY;COUNT=5",
            "EXDATE;TZID=Europe/Helsinki:20270322T100000",
        ),
        event(
            "weekly@example.com",
            "RECURRENCE-ID;TZID=Europe/Helsinki:20270405T100000",
            "DTSTART;TZID=Europe/Helsinki:20270405T140000",
            "DTEND;TZID=Europe/Helsinki:20270405T153000",
        ),
    )
    assert busy_intervals([data], **SPRING) == [
        (utc(2027, 3, 15, 8), utc(2027, 3, 15, 9)),  # 10:00 EET
        (utc(2027, 3, 29, 7), utc(2027, 3, 29, 8)),  # 10:00 EEST, after the change on 28 March
        (utc(2027, 4, 5, 11), utc(2027, 4, 5, 12, 30)),  # the moved instance
        (utc(2027, 4, 12, 7), utc(2027, 4, 12, 8)),
    ]


def test_autumn_change_and_a_cancelled_instance():
    data = ics(
        event(
            "daily@example.com",
            "DTSTART;TZID=Europe/Helsinki:20271030T090000",
            "DURATION:PT30M",
            "RRULE:FREQ=DAILY;UNTIL=20271101T235959Z",
        ),
        event(
            "daily@example.com",
            "RECURRENCE-ID;TZID=Europe/Helsinki:20271031T090000",
            "DTSTART;TZID=Europe/Helsinki:20271031T090000",
            "DTEND;TZID=Europe/Helsinki:20271031T093000",
            "STATUS:CANCELLED",
        ),
    )
    assert busy_intervals([data], start=utc(2027, 10, 1), end=utc(2027, 12, 1)) == [
        (utc(2027, 10, 30, 6), utc(2027, 10, 30, 6, 30)),  # EEST
        (utc(2027, 11, 1, 7), utc(2027, 11, 1, 7, 30)),  # EET
    ]


def test_all_day_events_take_whole_helsinki_days():
    data = ics(
        event("holiday@example.com", "DTSTART;VALUE=DATE:20270330", "DTEND;VALUE=DATE:20270401"),
        event("one-day@example.com", "DTSTART;VALUE=DATE:20270405"),
    )
    assert busy_intervals([data], **SPRING) == [
        (utc(2027, 3, 29, 21), utc(2027, 3, 31, 21)),
        (utc(2027, 4, 4, 21), utc(2027, 4, 5, 21)),
    ]


def test_floating_times_are_helsinki_and_utc_and_other_zones_are_exact():
    data = ics(
        event("floating@example.com", "DTSTART:20270401T100000", "DTEND:20270401T110000"),
        event("utc@example.com", "DTSTART:20270402T100000Z", "DTEND:20270402T110000Z"),
        event(
            "ny@example.com",
            "DTSTART;TZID=America/New_York:20270403T080000",
            "DTEND;TZID=America/New_York:20270403T090000",
        ),
    )
    assert busy_intervals([data], **SPRING) == [
        (utc(2027, 4, 1, 7), utc(2027, 4, 1, 8)),
        (utc(2027, 4, 2, 10), utc(2027, 4, 2, 11)),
        (utc(2027, 4, 3, 12), utc(2027, 4, 3, 13)),
    ]


def test_free_cancelled_and_own_events_are_not_busy():
    is_own = own_uid_check("ohjaamo.fi")
    data = ics(
        event("free@example.com", "DTSTART:20270401T100000Z", "DTEND:20270401T110000Z", "TRANSP:TRANSPARENT"),
        event(
            "outlook-free@example.com",
            "DTSTART:20270402T100000Z",
            "DTEND:20270402T110000Z",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
        ),
        event("gone@example.com", "DTSTART:20270403T100000Z", "DTEND:20270403T110000Z", "STATUS:CANCELLED"),
        event("booking-7d1c@ohjaamo.fi", "DTSTART:20270404T100000Z", "DTEND:20270404T110000Z"),
        event("mediation-1a2b@OHJAAMO.FI", "DTSTART:20270405T100000Z", "DTEND:20270405T110000Z"),
        event("booking-7d1c@elsewhere.fi", "DTSTART:20270406T100000Z", "DTEND:20270406T110000Z"),
        event("opaque@example.com", "DTSTART:20270407T100000Z", "DTEND:20270407T110000Z", "TRANSP:OPAQUE"),
    )
    assert busy_intervals([data], is_own=is_own, **SPRING) == [
        (utc(2027, 4, 6, 10), utc(2027, 4, 6, 11)),
        (utc(2027, 4, 7, 10), utc(2027, 4, 7, 11)),
    ]


def test_overlapping_and_touching_events_merge_and_the_window_clips():
    data = ics(
        event("a@x", "DTSTART:20270401T080000Z", "DTEND:20270401T100000Z"),
        event("b@x", "DTSTART:20270401T090000Z", "DTEND:20270401T110000Z"),
        event("c@x", "DTSTART:20270401T110000Z", "DTEND:20270401T120000Z"),
        event("d@x", "DTSTART:20270430T230000Z", "DTEND:20270501T020000Z"),
        event("before@x", "DTSTART:20260101T080000Z", "DTEND:20260101T090000Z"),
    )
    assert busy_intervals([data], **SPRING) == [
        (utc(2027, 4, 1, 8), utc(2027, 4, 1, 12)),
        (utc(2027, 4, 30, 23), utc(2027, 5, 1)),
    ]


def test_free_busy_periods_are_read():
    data = ics(
        "\n".join(
            [
                "BEGIN:VFREEBUSY",
                "UID:fb@x",
                "DTSTAMP:20270101T000000Z",
                "FREEBUSY;FBTYPE=BUSY:20270401T080000Z/20270401T090000Z,20270402T080000Z/PT2H",
                "FREEBUSY;FBTYPE=FREE:20270403T080000Z/20270403T090000Z",
                "END:VFREEBUSY",
            ]
        )
    )
    assert busy_intervals([data], **SPRING) == [
        (utc(2027, 4, 1, 8), utc(2027, 4, 1, 9)),
        (utc(2027, 4, 2, 8), utc(2027, 4, 2, 10)),
    ]


def test_a_broken_event_is_skipped_and_the_rest_still_read():
    data = ics(
        event("bad@x", "DTSTART:20270401T080000Z", "DTEND:20270401T090000Z", "RRULE:FREQ=SOMETIMES"),
        event("good@x", "DTSTART:20270402T080000Z", "DTEND:20270402T090000Z"),
    )
    assert busy_intervals([data], **SPRING) == [(utc(2027, 4, 2, 8), utc(2027, 4, 2, 9))]


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"<!DOCTYPE html><html><body>Sign in</body></html>", b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"],
    ids=["empty", "text", "html", "no-calendar"],
)
def test_anything_but_icalendar_is_an_error(data):
    with pytest.raises(SyncError, match="not iCalendar data"):
        busy_intervals([data], **SPRING)


def test_an_empty_calendar_is_no_busy_time():
    assert busy_intervals([ics()], **SPRING) == []


def test_a_runaway_rule_is_cut_off():
    data = ics(event("minutely@x", "DTSTART:20270401T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY"))
    with pytest.raises(SyncError, match=f"more than {MAX_OCCURRENCES} events"):
        busy_intervals([data], **SPRING)


def test_caldav_multistatus_gives_each_calendar_data():
    answer = b"""<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <response><href>/a.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR
END:VCALENDAR
</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/b.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR
END:VCALENDAR
</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>"""
    assert calendar_data(answer) == [b"BEGIN:VCALENDAR\nEND:VCALENDAR\n"] * 2
    with pytest.raises(SyncError):
        calendar_data(b"<multistatus")


def test_subtract_and_assign():
    h = lambda hour: utc(2027, 4, 1, hour)  # noqa: E731
    assert subtract([(h(8), h(12))], [(h(9), h(10)), (h(11), h(13))]) == [(h(8), h(9)), (h(10), h(11))]
    # Two sources overlap around a site booking (10–11): the first owns the shared time.
    pieces = assign([(1, [(h(8), h(12))]), (2, [(h(11), h(14))])], [(h(10), h(11))])
    assert pieces == [(1, (h(8), h(10))), (1, (h(11), h(12))), (2, (h(12), h(14)))]


minutes = st.integers(min_value=0, max_value=24 * 60)
intervals = st.lists(
    st.tuples(minutes, st.integers(min_value=1, max_value=300)).map(
        lambda p: (
            utc(2027, 4, 1) + dt.timedelta(minutes=p[0]),
            utc(2027, 4, 1) + dt.timedelta(minutes=p[0] + p[1]),
        )
    ),
    max_size=8,
)


def _covered(spans) -> set[int]:
    base = utc(2027, 4, 1)
    return {
        m
        for s, e in spans
        for m in range(int((s - base).total_seconds() // 60), int((e - base).total_seconds() // 60))
    }


@settings(deadline=None)  # timings are not asserted: a loaded machine is no defect
@given(a=intervals, b=intervals, taken=intervals)
def test_assigned_pieces_never_overlap_and_cover_exactly_the_busy_time_outside_taken(a, b, taken):
    pieces = assign([(1, a), (2, b)], taken)
    spans = sorted(span for _, span in pieces)
    assert all(first[1] <= second[0] for first, second in itertools.pairwise(spans))
    assert _covered(spans) == (_covered(a) | _covered(b)) - _covered(taken)
    assert merge(merge(spans)) == merge(spans)
