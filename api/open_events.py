"""GET /api/v1/events/?from=YYYY-MM-DD&to=YYYY-MM-DD: the published events starting on those
Helsinki days (at most 366), with their seats. A contract: the names are fixed (see the README and
/api/v1/openapi.json). One query for the events whatever their number. Seats held by an offer past
its time are handed on before they are counted (events.actions.settle.settled_read), so
`seats_left` is what can be booked: 0 while people wait for them."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation

from events import selectors as selectors_events
from events.actions.settle import settled_read
from events.models import Event

from .common import error, iso, limited, parse_range, read_only, request_language

MAX_EVENT_DAYS = 366
EVENTS_MAX_AGE = 30  # seconds a client may reuse an answer (seats change as people book)


def _location(event: Event) -> str | None:
    if event.modality == "online" or event.location is None:
        return None
    return f"{event.location.name}, {event.location.address}"


def event_json(event: Event) -> dict:
    left = selectors_events.seats_left(event)
    return {
        "id": event.pk,
        "title": event.title,
        "service": event.session_type.service,
        "start": iso(event.start),
        "end": iso(event.end),
        "capacity": event.capacity,
        "seats_left": left,
        "waitlist": left == 0 and selectors_events.is_open(event),
        "modality": event.modality,
        "location": _location(event),
        "url": settings.SITE_URL + reverse("events:event", kwargs={"slug": event.slug}),
    }


@read_only
@limited
def events(request):
    with translation.override(request_language(request)):
        try:
            first, last = parse_range(request, MAX_EVENT_DAYS)
        except ValueError as exc:
            return error(str(exc))
        found = settled_read(lambda: selectors_events.events_between(first, last))
        payload = [event_json(event) for event in found]
    response = JsonResponse({"events": payload})
    response["Cache-Control"] = f"public, max-age={EVENTS_MAX_AGE}"
    return response


# The OpenAPI description of the endpoint (bookings/openapi.py puts it in the document).
OPENAPI_PATH = {
    "get": {
        "operationId": "listEvents",
        "summary": "Published events starting between two dates (at most 366 days), with their seats",
        "description": "`seats_left` is what can be booked now: a seat held by an expired offer while "
        "people wait has gone to the next in line. `waitlist` is true when no seats are left and "
        "registration is open: new people join the waitlist. `location` is null for online events. "
        "`url` is the event's public page (in the language of `lang`).",
        "parameters": [
            {"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
            {
                "name": "lang",
                "in": "query",
                "required": False,
                # Not an enum: any other value is answered in Finnish, not refused (api.common.request_language).
                "description": "fi, sv or en; anything else gives Finnish",
                "schema": {"type": "string", "default": "fi", "examples": ["fi", "sv", "en"]},
            },
        ],
        "responses": {
            "200": {
                "description": "Events",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Events"}}},
            },
            "400": {
                "description": "Bad, reversed or too far apart dates",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["error"],
                            "properties": {"error": {"type": "string"}},
                        }
                    }
                },
            },
        },
    }
}
OPENAPI_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "title",
                    "service",
                    "start",
                    "end",
                    "capacity",
                    "seats_left",
                    "waitlist",
                    "modality",
                    "location",
                    "url",
                ],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "service": {
                        "type": "string",
                        "enum": ["supervision", "mediation", "talk", "sound_relaxation"],
                    },
                    "start": {
                        "type": "string",
                        "format": "date-time",
                        "example": "2027-03-29T18:00:00+03:00",
                    },
                    "end": {"type": "string", "format": "date-time"},
                    "capacity": {"type": "integer"},
                    "seats_left": {"type": "integer"},
                    "waitlist": {"type": "boolean"},
                    "modality": {"type": "string", "enum": ["in_person", "online"]},
                    "location": {"type": ["string", "null"]},
                    "url": {"type": "string", "format": "uri"},
                },
            },
        }
    },
}
