"""External calendars read over real HTTP (a server on 127.0.0.1 in a thread): busy times become
calendar blocks that remove slots and stop bookings; failing sources keep their last good data."""

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.contrib.admin.sites import site as admin_site
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from bookings import selectors
from bookings.actions.booking import block_reserve, booking_create
from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.actions.common import Client
from bookings.exceptions import OutsideAvailability, SlotTaken
from bookings.models import CalendarBlock
from calendar_sync import tasks
from calendar_sync.actions import (
    SyncResult,
    _insert,
    calendar_feed_regenerate,
    external_calendar_delete,
    external_calendar_sync,
    external_calendars_sync_all,
)
from calendar_sync.feed import feed_ics, feed_url
from calendar_sync.models import ExternalBusyBlock, ExternalCalendar
from config.celery import app as celery_app
from core.time import HELSINKI
from tests.calendar_sync.conftest import sign_in
from tests.factories import BookingFactory, PractitionerFactory, bookable


@pytest.fixture(autouse=True)
def _english():
    """These tests read the error texts as written (English msgids); the site's default is Finnish."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 24, 8, 0, tzinfo=dt.UTC)  # the spring change is on Sunday 28 March


def local(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=HELSINKI)


def ics(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *events, "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def event(uid: str, start: dt.datetime, end: dt.datetime, *extra: str) -> str:
    fmt = "%Y%m%dT%H%M%S"
    return "\r\n".join(
        [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20270101T000000Z",
            f"DTSTART;TZID=Europe/Helsinki:{start:{fmt}}",
            f"DTEND;TZID=Europe/Helsinki:{end:{fmt}}",
            "SUMMARY:Dentist",
            "ATTENDEE;CN=Someone:mailto:someone@example.com",
            *extra,
            "END:VEVENT",
        ]
    )


# --- a local HTTP server ---------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    delay: float = 0
    length: bool = True  # send Content-Length (else the body runs until the connection closes)
    headers: dict = field(default_factory=dict)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        route = self.server.routes.get(self.path, Route(b"not found", 404))
        self.server.hits.append(self.path)
        time.sleep(route.delay)
        try:
            self.send_response(route.status)
            self.send_header("Content-Type", "text/calendar")
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)
        except OSError:
            pass  # the client gave up (timeout, size limit): that is the point of some tests

    def log_message(self, *args):
        pass


class Server:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.routes, self.httpd.hits = {}, []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def serve(self, path: str, body: bytes = b"", **options) -> str:
        self.httpd.routes[path] = Route(body, **options)
        return self.url(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def http_server():
    server = Server()
    yield server
    server.close()


@pytest.fixture
def server(http_server):
    http_server.httpd.routes.clear()
    http_server.httpd.hits.clear()
    return http_server


@pytest.fixture(autouse=True)
def _sync_settings(settings):
    settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE = True  # the test servers are on 127.0.0.1
    settings.EXTERNAL_CALENDAR_TIMEOUT = 1.5


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def setup():
    practitioner, session_type = bookable(slug="tyonohjaus")
    practitioner.language = "en"  # errors are stored in the practitioner's language
    practitioner.save()
    return practitioner, session_type


def fi(message, **params) -> str:
    """A message as the (Finnish) admin shows it, with or without a catalogue."""
    with translation.override("fi"):
        return str(message) % params if params else str(message)


def connect(practitioner, url: str, **fields) -> ExternalCalendar:
    return ExternalCalendar.objects.create(practitioner=practitioner, url=url, **fields)


def sync(source, capture) -> SyncResult:
    with capture(execute=True):  # the availability cache follows committed changes
        return external_calendar_sync(calendar=source)


def external_blocks(practitioner) -> list[tuple[dt.datetime, dt.datetime]]:
    return list(
        CalendarBlock.objects.filter(practitioner=practitioner, kind="external", active=True)
        .order_by("start")
        .values_list("start", "end")
    )


def api_starts(client, day: str) -> set[str]:
    response = client.get("/api/v1/availability/", {"session_type": "tyonohjaus", "from": day, "to": day})
    assert response.status_code == 200
    return {slot["start"][11:16] for slot in response.json()["slots"]}


# --- busy times in -----------------------------------------------------------------------------------


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
    with pytest.raises(SlotTaken):  # guard=False skips every check in Python: the constraint refuses
        booking_create(
            session_type=session_type, start=local(30, 10), modality="online", client=client, guard=False
        )


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


# --- admin -------------------------------------------------------------------------------------------


def test_admin_connects_a_calendar_and_reads_it_at_once(
    clock, admin_client, setup, server, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    url = server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12))))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:calendar_sync_externalcalendar_add"),
            {
                "practitioner": practitioner.pk,
                "name": "Google",
                "kind": "ics_url",
                "url": url,
                "active": "on",
            },
            follow=True,
        )
    assert response.status_code == 200
    source = ExternalCalendar.objects.get()
    assert source.last_success_at == NOW and external_blocks(practitioner)
    # The secret address is encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT url FROM calendar_sync_externalcalendar")
        assert cursor.fetchone()[0] != url


def test_admin_caldav_needs_user_and_password_and_keeps_the_saved_password(admin_client, setup):
    practitioner, _ = setup
    add = reverse("admin:calendar_sync_externalcalendar_add")
    data = {
        "practitioner": practitioner.pk,
        "kind": "caldav",
        "url": "https://dav.example.fi/cal/",
        "active": "on",
    }
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"username", "password"}

    source = ExternalCalendar.objects.create(
        practitioner=practitioner,
        kind="caldav",
        url="https://dav.example.fi/cal/",
        username="aino",
        password="app-pass",
    )
    change = reverse("admin:calendar_sync_externalcalendar_change", args=[source.pk])
    page = admin_client.get(change).content.decode()
    assert "app-pass" not in page
    response = admin_client.post(change, {**data, "username": "aino", "name": "Nextcloud", "password": ""})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.password == "app-pass" and source.name == "Nextcloud"


def test_admin_sync_now_reports_success_and_failure(clock, admin_client, setup, server):
    practitioner, _ = setup
    good = connect(
        practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))), name="Work"
    )
    bad = connect(practitioner, server.serve("/bad.ics", b"nonsense"), name="Home")
    response = admin_client.post(
        reverse("admin:calendar_sync_externalcalendar_changelist"),
        {"action": "sync_now", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    page = response.content.decode()
    with translation.override("fi"):
        read = ngettext(
            "%(calendar)s: read, %(count)s busy time.", "%(calendar)s: read, %(count)s busy times.", 1
        )
    assert read % {"calendar": "Work", "count": 1} in page
    error = "The answer is not iCalendar data."  # in the practitioner's language (English here)
    assert (
        fi(
            gettext_lazy("%(calendar)s: %(error)s The last good busy times are kept."),
            calendar="Home",
            error=error,
        )
        in page
    )
    listing = admin_client.get(reverse("admin:calendar_sync_externalcalendar_changelist")).content.decode()
    assert "127.0.0.1" in listing and "/cal.ics" not in listing  # the server, never the secret address


def test_admin_deleting_a_calendar_removes_its_busy_times(
    clock, admin_client, setup, server, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))))
    sync(source, django_capture_on_commit_callbacks)
    response = admin_client.post(
        reverse("admin:calendar_sync_externalcalendar_delete", args=[source.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ExternalCalendar.objects.exists() and external_blocks(practitioner) == []


def test_staff_see_only_their_own_practitioners_calendars(client, setup):
    practitioner, _ = setup
    other = PractitionerFactory()
    connect(practitioner, "https://calendar.example.com/mine.ics", name="Mine")
    connect(other, "https://calendar.example.com/theirs.ics", name="Theirs")
    user = practitioner.user
    from django.contrib.auth.models import Permission

    user.user_permissions.set(Permission.objects.filter(codename__endswith="externalcalendar"))
    sign_in(client, user)
    page = client.get(reverse("admin:calendar_sync_externalcalendar_changelist")).content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert admin_site.is_registered(ExternalCalendar)


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
