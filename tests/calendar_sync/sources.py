"""What the external-calendar tests share: calendars written as iCalendar text, a real HTTP server
on 127.0.0.1 (in a thread) that serves them, and short ways to connect, sync and read the blocks."""

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import translation

from bookings.models import CalendarBlock
from calendar_sync.actions import (
    SyncResult,
    external_calendar_sync,
)
from calendar_sync.models import ExternalCalendar
from core.time import HELSINKI

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
