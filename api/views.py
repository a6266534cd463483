"""/api/v1/: read-only JSON of public data, for the booking page's enhancement and for integrators.

Documented in the README and by the OpenAPI description at /api/v1/openapi.json.
"""

import hashlib
import re

from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bookings import selectors
from bookings.cache import calendar_version
from bookings.models import Modality, SessionType

from .common import error, iso, limited, parse_range, read_only, request_language

MAX_AVAILABILITY_DAYS = 92
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")  # anything else is no slug (and a NUL byte breaks PostgreSQL)
AVAILABILITY_MAX_AGE = 30  # seconds a client may reuse an answer; the server cache follows every booking


@read_only
@limited
def session_types(request):
    with translation.override(request_language(request)):
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
    with translation.override(request_language(request)):
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
