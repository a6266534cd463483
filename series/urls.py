"""Supervision series and their agreement, under the translated `booking/` prefix (config/urls.py):
the planner, and the organisation's pages behind a personal link."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.paths import personal_path

from . import views

app_name = "series"

urlpatterns = [
    path(_("series/"), views.plan, name="series_plan"),
    path(format_lazy("{}{}", _("series/"), _("details/")), views.details, name="series_details"),
    path(personal_path(_("my-series/")), views.series, name="series"),
    path(personal_path(_("my-series/"), "series.ics"), views.series_calendar, name="series_calendar"),
    path(personal_path(_("my-series/"), "<int:number>.ics"), views.session_ics, name="series_session_ics"),
    path(personal_path(_("my-series/"), "<int:number>/"), views.session, name="series_session"),
    path(personal_path(_("my-series/"), "", _("cancel/")), views.cancel_rest, name="series_cancel_rest"),
    path(
        personal_path(_("my-series/"), "", _("agreement/")), views.series_agreement, name="series_agreement"
    ),
    path(personal_path(_("agreement/")), views.agreement, name="agreement"),
]
