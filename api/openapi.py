"""The OpenAPI 3.1 description of /api/v1/ (served at /api/v1/openapi.json)."""

from django.conf import settings

from .open_events import OPENAPI_PATH as EVENTS_PATH
from .open_events import OPENAPI_SCHEMA as EVENTS_SCHEMA

DATE = {"type": "string", "format": "date", "example": "2027-03-29"}
ERROR = {
    "description": "Bad parameters",
    "content": {
        "application/json": {
            "schema": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
        }
    },
}


def document(request=None) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            # Not the practice's name: the document is read once by API tools and generators (and at
            # import time by the fuzz tests), while the name is the practice profile's, in the database.
            "title": "Public booking API",
            "version": "1",
            "description": "Read-only public data: session types, free times and events. "
            "Times are ISO 8601 with the Europe/Helsinki offset of the instant.",
        },
        "servers": [{"url": settings.SITE_URL}],
        "paths": {
            "/api/v1/session-types/": {
                "get": {
                    "operationId": "listSessionTypes",
                    "summary": "Bookable session types",
                    "responses": {
                        "200": {
                            "description": "Session types",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/SessionTypes"}}
                            },
                        }
                    },
                }
            },
            "/api/v1/availability/": {
                "get": {
                    "operationId": "getAvailability",
                    "summary": "Free times of a session type in a date range (at most 92 days)",
                    "parameters": [
                        {
                            "name": "session_type",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {"name": "from", "in": "query", "required": True, "schema": DATE},
                        {"name": "to", "in": "query", "required": True, "schema": DATE},
                        {
                            "name": "modality",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["in_person", "online"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Free slots",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Availability"}}
                            },
                        },
                        "400": ERROR,
                        "404": {**ERROR, "description": "Unknown session type"},
                    },
                }
            },
            "/api/v1/events/": EVENTS_PATH,
        },
        "components": {
            "schemas": {
                "Modalities": {"type": "array", "items": {"type": "string", "enum": ["in_person", "online"]}},
                "SessionTypes": {
                    "type": "object",
                    "required": ["session_types"],
                    "properties": {
                        "session_types": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": [
                                    "slug",
                                    "name",
                                    "service",
                                    "duration_minutes",
                                    "booking_mode",
                                    "audience",
                                    "modalities",
                                    "price",
                                    "vat_rate",
                                    "currency",
                                ],
                                "properties": {
                                    "slug": {"type": "string"},
                                    "name": {"type": "string"},
                                    "service": {
                                        "type": "string",
                                        "enum": ["supervision", "mediation", "talk", "sound_relaxation"],
                                    },
                                    "duration_minutes": {"type": "integer"},
                                    "booking_mode": {"type": "string", "enum": ["instant", "request"]},
                                    "audience": {"type": "string", "enum": ["individual", "group"]},
                                    "modalities": {"$ref": "#/components/schemas/Modalities"},
                                    "price": {"type": "string", "example": "95.00"},
                                    "vat_rate": {"type": "string", "example": "25.5"},
                                    "currency": {"type": "string", "enum": ["EUR"]},
                                },
                            },
                        }
                    },
                },
                "Availability": {
                    "type": "object",
                    "required": ["timezone", "session_type", "slots"],
                    "properties": {
                        "timezone": {"type": "string", "enum": ["Europe/Helsinki"]},
                        "session_type": {"type": "string"},
                        "slots": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["start", "end", "modalities"],
                                "properties": {
                                    "start": {"type": "string", "format": "date-time"},
                                    "end": {"type": "string", "format": "date-time"},
                                    "modalities": {"$ref": "#/components/schemas/Modalities"},
                                },
                            },
                        },
                    },
                },
                "Events": EVENTS_SCHEMA,
            }
        },
    }
