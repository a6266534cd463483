"""External calendars over CalDAV, against a real Radicale server started for this module on 127.0.0.1."""

import base64
import datetime as dt
import http.client
import socket
import subprocess
import sys
import time

import pytest
import time_machine

from bookings.models import CalendarBlock
from calendar_sync.actions import external_calendar_sync
from calendar_sync.models import ExternalCalendar
from core.time import HELSINKI
from tests.factories import bookable

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 24, 8, 0, tzinfo=dt.UTC)  # the spring change is on Sunday 28 March
USER, PASSWORD = "aino", "salasana-123"
START_TIMEOUT = 20  # seconds for Radicale to listen


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dav(port: int, method: str, path: str, body: bytes = b"", content_type: str = "text/calendar") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    try:
        connection.request(
            method, path, body=body, headers={"Authorization": f"Basic {auth}", "Content-Type": content_type}
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Radicale:
    def __init__(self, folder):
        self.port = _free_port()
        users = folder / "users"
        users.write_text(f"{USER}:{PASSWORD}\n")
        self.log = (folder / "radicale.log").open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                "--config",
                "",
                "--server-hosts",
                f"127.0.0.1:{self.port}",
                "--storage-filesystem-folder",
                str(folder / "collections"),
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(users),
                "--auth-htpasswd-encryption",
                "plain",
                "--logging-level",
                "warning",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited: see {folder / 'radicale.log'}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("Radicale did not start listening in time") from None
                time.sleep(0.1)

    def calendar(self, name: str) -> str:
        assert _dav(self.port, "MKCALENDAR", f"/{USER}/{name}/") == 201
        return f"http://127.0.0.1:{self.port}/{USER}/{name}/"

    def put(self, calendar: str, name: str, data: bytes) -> None:
        path = calendar.split(str(self.port), 1)[1]
        assert _dav(self.port, "PUT", f"{path}{name}.ics", data) in (201, 204)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _sync_settings(settings):
    settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE = True  # Radicale is on 127.0.0.1, over http
    settings.EXTERNAL_CALENDAR_TIMEOUT = 5


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def vcalendar(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *events, "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def vevent(uid: str, *lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20270101T000000Z", "SUMMARY:Private", *lines, "END:VEVENT"]
    )


def helsinki(month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=HELSINKI)


def external_blocks(practitioner):
    return list(
        CalendarBlock.objects.filter(practitioner=practitioner, kind="external", active=True)
        .order_by("start")
        .values_list("start", "end")
    )


def connect(practitioner, url: str, password: str = PASSWORD) -> ExternalCalendar:
    return ExternalCalendar.objects.create(
        practitioner=practitioner, kind="caldav", url=url, username=USER, password=password
    )


def test_caldav_busy_times_with_recurrence_exceptions_across_the_spring_change(
    client, radicale, clock, django_capture_on_commit_callbacks
):
    practitioner, _session_type = bookable(slug="tyonohjaus")
    calendar = radicale.calendar("work")
    weekly = vcalendar(
        vevent(
            "weekly@nextcloud",
            "DTSTART;TZID=Europe/Helsinki:20270325T090000",
            "DTEND;TZID=Europe/Helsinki:20270325T100000",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE;TZID=Europe/Helsinki:20270408T090000",
        ),
        vevent(
            "weekly@nextcloud",
            "RECURRENCE-ID;TZID=Europe/Helsinki:20270401T090000",
            "DTSTART;TZID=Europe/Helsinki:20270401T140000",
            "DTEND;TZID=Europe/Helsinki:20270401T150000",
        ),
    )
    radicale.put(calendar, "weekly", weekly)
    radicale.put(
        calendar,
        "trip",
        vcalendar(vevent("trip@nextcloud", "DTSTART;VALUE=DATE:20270330", "DTEND;VALUE=DATE:20270331")),
    )
    radicale.put(
        calendar,
        "free",
        vcalendar(
            vevent(
                "free@nextcloud", "DTSTART:20270329T080000Z", "DTEND:20270329T090000Z", "TRANSP:TRANSPARENT"
            )
        ),
    )
    radicale.put(
        calendar,
        "ours",
        vcalendar(vevent("booking-0f0e@127.0.0.1", "DTSTART:20270329T100000Z", "DTEND:20270329T110000Z")),
    )
    radicale.put(
        calendar,
        "far",
        vcalendar(
            vevent("far@nextcloud", "DTSTART:20290101T080000Z", "DTEND:20290101T090000Z")
        ),  # past even a series
    )
    source = connect(practitioner, calendar)

    with django_capture_on_commit_callbacks(execute=True):
        result = external_calendar_sync(calendar=source)

    assert result.ok, result.error
    assert external_blocks(practitioner) == [
        (helsinki(3, 25, 9), helsinki(3, 25, 10)),  # 07:00 UTC
        (helsinki(3, 30), helsinki(3, 31)),  # the all-day trip
        (helsinki(4, 1, 14), helsinki(4, 1, 15)),  # the moved instance, after the change
        (helsinki(4, 15, 9), helsinki(4, 15, 10)),  # 06:00 UTC; 8 April excluded
    ]
    assert helsinki(4, 15, 9).astimezone(dt.UTC).hour == 6
    response = client.get(
        "/api/v1/availability/", {"session_type": "tyonohjaus", "from": "2027-03-30", "to": "2027-03-30"}
    )
    assert response.json()["slots"] == []


def test_caldav_wrong_app_password_keeps_the_last_good_busy_times(
    radicale, clock, django_capture_on_commit_callbacks
):
    practitioner, _session_type = bookable()
    practitioner.language = "en"
    practitioner.save()
    calendar = radicale.calendar("home")
    radicale.put(
        calendar, "one", vcalendar(vevent("one@x", "DTSTART:20270326T080000Z", "DTEND:20270326T090000Z"))
    )
    source = connect(practitioner, calendar)
    assert external_calendar_sync(calendar=source).ok
    good = external_blocks(practitioner)
    assert len(good) == 1

    source.password = "wrong"
    source.save()
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        result = external_calendar_sync(calendar=source)

    source.refresh_from_db()
    assert not result.ok and source.last_error == "The server refused the user name or app password."
    assert source.last_success_at == NOW
    assert external_blocks(practitioner) == good


def test_caldav_needs_https_when_private_addresses_are_not_allowed(radicale, settings, clock):
    settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE = False
    practitioner, _session_type = bookable()
    practitioner.language = "en"
    practitioner.save()
    source = connect(practitioner, f"http://127.0.0.1:{radicale.port}/{USER}/work/")
    result = external_calendar_sync(calendar=source)
    assert not result.ok and result.error == "A CalDAV address must begin with https://."
