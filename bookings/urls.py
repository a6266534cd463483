"""Public booking pages: the flow (GET steps carry the choice in the query string) and the
client's self-service pages behind a personal link. Slugs are translated (bookings/locale)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .views import checkin, flow, manage
from .views import events as event_views
from .views import series as series_views

app_name = "bookings"


def _mine(rest: str = "", *parts):
    """`my-booking/<token>/` followed by translated parts (and an untranslated rest)."""
    return format_lazy("{}<str:token>/" + "{}" * len(parts) + rest, _("my-booking/"), *parts)


urlpatterns = [
    path("", flow.start, name="start"),
    path(_("way/"), flow.modality, name="modality"),
    path(_("day/"), flow.month, name="month"),
    path(_("time/"), flow.times, name="times"),
    path(_("details/"), flow.details, name="details"),
    path(_("review/"), flow.review, name="review"),
    path(_("taken/"), flow.taken, name="taken"),
    path(_mine(), manage.manage, name="manage"),
    path(_mine("booking.ics"), manage.ics, name="ics"),
    path(_mine("", _("reschedule/")), manage.reschedule, name="reschedule"),
    path(_mine("", _("reschedule/"), _("time/")), manage.reschedule_times, name="reschedule_times"),
    path(_mine("", _("reschedule/"), _("confirm/")), manage.reschedule_confirm, name="reschedule_confirm"),
    path(_mine("", _("cancel/")), manage.cancel, name="cancel"),
    path(format_lazy("{}<str:token>/", _("check-in/")), checkin.checkin, name="checkin"),
]


def _personal(prefix, rest: str = "", *parts):
    """`<prefix><token>/` followed by translated parts (and an untranslated rest)."""
    return format_lazy("{}<str:token>/" + "{}" * len(parts) + rest, prefix, *parts)


# Open events with seats and a waitlist; supervision series and their agreement.
urlpatterns += [
    path(_("events/"), event_views.events, name="events"),
    path(format_lazy("{}<slug:slug>/", _("events/")), event_views.event, name="event"),
    path(
        format_lazy("{}<slug:slug>/{}", _("events/"), _("waitlist/")),
        event_views.event_waitlist,
        name="event_waitlist",
    ),
    path(_personal(_("my-seats/")), event_views.seats, name="seats"),
    path(_personal(_("my-seats/"), "event.ics"), event_views.seats_ics, name="seats_ics"),
    path(_personal(_("my-seats/"), "", _("cancel/")), event_views.seats_cancel, name="seats_cancel"),
    path(_personal(_("waitlist/")), event_views.waitlist_entry, name="waitlist_entry"),
    path(_personal(_("seat-offer/")), event_views.offer, name="offer"),
    path(_("series/"), series_views.plan, name="series_plan"),
    path(format_lazy("{}{}", _("series/"), _("details/")), series_views.details, name="series_details"),
    path(_personal(_("my-series/")), series_views.series, name="series"),
    path(_personal(_("my-series/"), "series.ics"), series_views.series_calendar, name="series_calendar"),
    path(_personal(_("my-series/"), "<int:number>.ics"), series_views.session_ics, name="series_session_ics"),
    path(_personal(_("my-series/"), "<int:number>/"), series_views.session, name="series_session"),
    path(_personal(_("my-series/"), "", _("cancel/")), series_views.cancel_rest, name="series_cancel_rest"),
    path(
        _personal(_("my-series/"), "", _("agreement/")),
        series_views.series_agreement,
        name="series_agreement",
    ),
    path(_personal(_("agreement/")), series_views.agreement, name="agreement"),
]
