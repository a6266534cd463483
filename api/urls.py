"""/api/v1/: read-only JSON of public data."""

from django.urls import path

from . import open_events
from . import views as api

app_name = "api"

urlpatterns = [
    path("session-types/", api.session_types, name="session-types"),
    path("availability/", api.availability, name="availability"),
    path("events/", open_events.events, name="events"),
    path("openapi.json", api.openapi, name="openapi"),
]
