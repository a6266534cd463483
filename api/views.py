"""/api/v1/: read-only JSON of public data, for the booking page's enhancement and for integrators.

Documented in the README and by the OpenAPI description at /api/v1/openapi.json.
"""

import datetime as dt
import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from bookings import selectors
from bookings.cache import calendar_version
from bookings.models import Modality, SessionType
from core.ratelimit import client_ip, hit
from core.time import HELSINKI

MAX_AVAILABILITY_DAYS = 92
# Far-away dates hold nothing; clamped to these, date arithmetic on them cannot overflow.
DAYS = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")  # anything else is no slug (and a NUL byte breaks PostgreSQL)
AVAILABILITY_MAX_AGE = 30  # seconds a client may reuse an answer; the server cache follows every booking


def error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def read_only(view):
    """GET and HEAD only: another method gets a JSON 405 with Allow, like every other API error."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            with translation.override(_language(request)):
                response = error(_("This address only answers GET requests."), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def limited(view):
    """RATELIMIT_API requests per client address (e.g. "120/m"), counted in the shared cache;
    over it a JSON 429 with Retry-After, like every other API error.

    Also exempt from CSRF: the API only reads, and without the exemption a method it does not
    take (QUERY, say) is refused by the CSRF check with an HTML 403 before read_only can
    answer 405."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if settings.RATELIMIT_ENABLED:
            allowed, retry_after = hit(scope="api", key=client_ip(request), rate=settings.RATELIMIT_API)
            if not allowed:
                with translation.override(_language(request)):
                    response = error(_("Too many requests. Please wait a moment and try again."), status=429)
                response["Retry-After"] = str(max(retry_after, 1))
                return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def parse_day(value: str | None, name: str) -> dt.date:
    """A YYYY-MM-DD query parameter; ValueError with a message naming it when missing or impossible."""
    if not value:
        raise ValueError(_("The parameter “%(name)s” is required (YYYY-MM-DD).") % {"name": name})
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("“%(name)s” is not a valid date (YYYY-MM-DD).") % {"name": name}) from None


def parse_range(request, max_days: int) -> tuple[dt.date, dt.date]:
    first = parse_day(request.GET.get("from"), "from")
    last = parse_day(request.GET.get("to"), "to")
    if first > last:
        raise ValueError(_("“from” must not be after “to”."))
    if (last - first).days + 1 > max_days:
        raise ValueError(_("The range may be at most %(days)s days.") % {"days": max_days})
    return min(max(first, DAYS[0]), DAYS[1]), min(max(last, DAYS[0]), DAYS[1])


def iso(value: dt.datetime) -> str:
    """ISO 8601 with the Helsinki offset of that instant."""
    return value.astimezone(HELSINKI).isoformat()


def _language(request) -> str:
    """`?lang=fi|sv|en` (the API lives outside the language prefixes); Finnish by default."""
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@read_only
@limited
def session_types(request):
    with translation.override(_language(request)):
        return _session_types()


def _session_types():
    payload = [
        {
            "slug": st.slug,
            "name": st.name,
            "service": st.service,
            "duration_minutes": st.duration_minutes,
            "booking_mode": st.booking_mode,
            "audience": st.audience,
            "modalities": st.modality_list,
            "price": str(st.price),
            "vat_rate": str(st.vat_rate),
            "currency": "EUR",
        }
        for st in selectors.session_types_public()
    ]
    return JsonResponse({"session_types": payload})


@read_only
@limited
def availability(request):
    with translation.override(_language(request)):
        return _availability(request)


def _availability(request):
    slug = request.GET.get("session_type", "")
    if not slug:
        return error(_("The parameter “session_type” is required."))
    try:
        first, last = parse_range(request, MAX_AVAILABILITY_DAYS)
    except ValueError as exc:
        return error(str(exc))
    modality = request.GET.get("modality") or None
    if modality is not None and modality not in Modality.values:
        return error(_("Unknown modality: use in_person or online."))
    session_type = SessionType.objects.filter(slug=slug, is_active=True).first() if SLUG.match(slug) else None
    if session_type is None:
        return error(_("Unknown session type."), status=404)

    # Cached per calendar version and minute (minimum notice moves with the clock).
    minute = timezone.now().replace(second=0, microsecond=0)
    raw_key = f"{slug}|{first}|{last}|{modality}|{calendar_version()}|{minute.isoformat()}"
    key = "bookings:availability:" + hashlib.sha256(raw_key.encode()).hexdigest()
    slots = cache.get(key)
    if slots is None:
        slots = [
            {"start": iso(s.start), "end": iso(s.end), "modalities": list(s.modalities)}
            for s in selectors.free_slots(session_type, first, last, modality=modality)
        ]
        cache.set(key, slots, timeout=AVAILABILITY_MAX_AGE * 2)
    response = JsonResponse(
        {"timezone": "Europe/Helsinki", "session_type": session_type.slug, "slots": slots}
    )
    response["Cache-Control"] = f"public, max-age={AVAILABILITY_MAX_AGE}"
    return response


@read_only
@limited
def openapi(request):
    from .openapi import document

    with translation.override("en"):
        return JsonResponse(document(request))
