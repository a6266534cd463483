"""Public booking pages: the flow (GET steps carry the choice in the query string) and the
client's self-service pages behind a personal link. Slugs are translated (bookings/locale).

Open events (events/urls.py) and supervision series (series/urls.py) live under the same
translated `booking/` prefix (config/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.paths import personal_path

from .views import booking, checkin, flow, manage

app_name = "bookings"


def _mine(rest: str = "", *parts):
    return personal_path(_("my-booking/"), rest, *parts)


urlpatterns = [
    path("", flow.start, name="start"),
    path(_("way/"), flow.modality, name="modality"),
    path(_("day/"), flow.month, name="month"),
    path(_("time/"), flow.times, name="times"),
    path(_("details/"), booking.details, name="details"),
    path(_("review/"), booking.review, name="review"),
    path(_("taken/"), booking.taken, name="taken"),
    path(_mine(), manage.manage, name="manage"),
    path(_mine("booking.ics"), manage.ics, name="ics"),
    path(_mine("", _("reschedule/")), manage.reschedule, name="reschedule"),
    path(_mine("", _("reschedule/"), _("time/")), manage.reschedule_times, name="reschedule_times"),
    path(_mine("", _("reschedule/"), _("confirm/")), manage.reschedule_confirm, name="reschedule_confirm"),
    path(_mine("", _("cancel/")), manage.cancel, name="cancel"),
    path(personal_path(_("check-in/")), checkin.checkin, name="checkin"),
]
