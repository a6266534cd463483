"""Open events with seats and a waitlist, under the translated `booking/` prefix (config/urls.py);
the seat holder's and the waiting person's pages behind a personal link."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.paths import personal_path

from . import views

app_name = "events"

urlpatterns = [
    path(_("events/"), views.events, name="events"),
    path(format_lazy("{}<slug:slug>/", _("events/")), views.event, name="event"),
    path(
        format_lazy("{}<slug:slug>/{}", _("events/"), _("waitlist/")),
        views.event_waitlist,
        name="event_waitlist",
    ),
    path(personal_path(_("my-seats/")), views.seats, name="seats"),
    path(personal_path(_("my-seats/"), "event.ics"), views.seats_ics, name="seats_ics"),
    path(personal_path(_("my-seats/"), "", _("cancel/")), views.seats_cancel, name="seats_cancel"),
    path(personal_path(_("waitlist/")), views.waitlist_entry, name="waitlist_entry"),
    path(personal_path(_("seat-offer/")), views.offer, name="offer"),
]
