"""Fetching external calendars (I/O): `fetch_ics` (an iCalendar URL) and `fetch_caldav` (a CalDAV
REPORT calendar-query over a time range) with the standard library only: http/https only, a
deadline for the whole exchange, a size limit, at most a few redirects and only to http/https, and
no private or local addresses unless EXTERNAL_CALENDAR_ALLOW_PRIVATE (the resolved address is the
one connected to, so a name can't be re-pointed between check and connect). Every failure is a
SyncError with a message safe to show the practitioner.
"""

import base64
import datetime as dt
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from practice.selectors import profile

from .exceptions import SyncError

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
CALDAV_NS = "urn:ietf:params:xml:ns:caldav"


@dataclass(frozen=True)
class Limits:
    timeout: float  # seconds for the whole exchange, redirects included
    max_bytes: int
    allow_private: bool

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            timeout=settings.EXTERNAL_CALENDAR_TIMEOUT,
            max_bytes=settings.EXTERNAL_CALENDAR_MAX_BYTES,
            allow_private=settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE,
        )


class _HTTPConnection(http.client.HTTPConnection):
    """Connects to the address already checked, whatever the name resolves to meanwhile."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _address(host: str, port: int, limits: Limits) -> str:
    """The first address of `host` that may be contacted, or SyncError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise SyncError(_("The server could not be reached (%(reason)s).") % {"reason": exc}) from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if limits.allow_private or ip.is_global:
            return str(ip)
    raise SyncError(_("This address points to a private or local network, which is not allowed."))


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SyncError(_("The server did not answer in time."))
    return left


def _read(response: http.client.HTTPResponse, deadline: float, limits: Limits) -> bytes:
    """The body, refused past the size limit; the deadline is checked between reads (each read
    waits at most the socket's timeout, so a server dripping bytes can't stretch the exchange)."""
    too_large = SyncError(_("The calendar is larger than %(size)s MB.") % {"size": limits.max_bytes // 2**20})
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise too_large
    body = bytearray()
    while chunk := response.read1(CHUNK):
        body += chunk
        if len(body) > limits.max_bytes:
            raise too_large
        _remaining(deadline)
    return bytes(body)


def _request(
    method: str,
    url: str,
    *,
    headers: dict[str, str],
    body: bytes | None = None,
    auth: tuple[str, str] | None = None,
    limits: Limits,
) -> bytes:
    """One HTTP exchange (following up to MAX_REDIRECTS redirects), the body of a 2xx answer."""
    deadline = time.monotonic() + limits.timeout
    first = None
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            parts = urlsplit(url)
            scheme = {"webcal": "https", "webcals": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise SyncError(_("The address is not valid.")) from exc
        if scheme not in ("http", "https"):
            raise SyncError(_("Only http and https addresses can be read."))
        if not host:
            raise SyncError(_("The address is not valid."))
        port = port or (443 if scheme == "https" else 80)
        first = first or (scheme, host, port)
        credentials = auth or ((parts.username, parts.password or "") if parts.username else None)
        send = {
            "User-Agent": f"{profile().name} calendar sync",
            "Accept-Encoding": "identity",
            **headers,
        }
        if credentials and (scheme, host, port) == first:  # never to another server, nor over a downgrade
            token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode()).decode()
            send["Authorization"] = f"Basic {token}"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection_class = _HTTPSConnection if scheme == "https" else _HTTPConnection
        connection = connection_class(
            host, port, address=_address(host, port, limits), timeout=_remaining(deadline)
        )
        response = None
        try:
            connection.request(method, path, body=body, headers=send)
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                if response.status == 303:
                    method, body = "GET", None
                continue
            if response.status in (401, 403):
                raise SyncError(_("The server refused the user name or app password."))
            if not 200 <= response.status < 300:
                raise SyncError(
                    _("The server answered with an error (HTTP %(status)s).") % {"status": response.status}
                )
            return _read(response, deadline, limits)
        except TimeoutError as exc:
            raise SyncError(_("The server did not answer in time.")) from exc
        except (OSError, http.client.HTTPException) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
            raise SyncError(_("The server could not be reached (%(reason)s).") % {"reason": reason}) from exc
        finally:
            if response is not None:
                response.close()  # a server that closes after answering hands its socket to the response
            connection.close()
    raise SyncError(_("The address redirects too many times."))


def fetch_ics(url: str, *, limits: Limits | None = None) -> list[bytes]:
    """The calendar file at an iCalendar URL (webcal:// is read as https://)."""
    limits = limits or Limits.from_settings()
    return [_request("GET", url, headers={"Accept": "text/calendar, */*;q=0.5"}, limits=limits)]


def _caldav_query(start: dt.datetime, end: dt.datetime) -> bytes:
    fmt = "%Y%m%dT%H%M%SZ"
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<C:calendar-query xmlns:D="DAV:" xmlns:C="{CALDAV_NS}">'
        "<D:prop><C:calendar-data/></D:prop>"
        '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        f'<C:time-range start="{start.astimezone(dt.UTC):{fmt}}" end="{end.astimezone(dt.UTC):{fmt}}"/>'
        "</C:comp-filter></C:comp-filter></C:filter>"
        "</C:calendar-query>"
    ).encode()


def fetch_caldav(
    url: str,
    *,
    username: str,
    password: str,
    start: dt.datetime,
    end: dt.datetime,
    limits: Limits | None = None,
) -> list[bytes]:
    """The calendar objects of a CalDAV calendar with events in [start, end) (RFC 4791 calendar-query).

    Basic auth is sent only over https (or to a private address where those are allowed, e.g. a
    Nextcloud in the office network during development).
    """
    limits = limits or Limits.from_settings()
    if urlsplit(url).scheme.lower() != "https" and not limits.allow_private:
        raise SyncError(_("A CalDAV address must begin with https://."))
    answer = _request(
        "REPORT",
        url,
        headers={"Content-Type": "application/xml; charset=utf-8", "Depth": "1"},
        body=_caldav_query(start, end),
        auth=(username, password),
        limits=limits,
    )
    return calendar_data(answer)


def calendar_data(multistatus: bytes) -> list[bytes]:
    """The calendar-data texts of a CalDAV multistatus answer."""
    try:
        root = ElementTree.fromstring(multistatus)  # noqa: S314  expat ≥ 2.4 refuses entity bombs; size is capped
    except ElementTree.ParseError as exc:
        raise SyncError(_("The CalDAV answer could not be read.")) from exc
    return [(e.text or "").encode() for e in root.iter(f"{{{CALDAV_NS}}}calendar-data") if e.text]
