"""The party and contact pages, under a translated prefix: /sovittelu/osapuoli/<token>/ in Finnish,
/sv/medling/part/<token>/ in Swedish, /en/mediation/party/<token>/ in English."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "mediation"

party = [
    path("", views.PartyHome.as_view(), name="party"),
    path(_("form/"), views.PartyForm.as_view(), name="party_form"),
    path(_("times/"), views.PartyTimes.as_view(), name="party_times"),
    path(_("times/<uuid:uid>.ics"), views.PartyMeetingCalendar.as_view(), name="party_meeting_ics"),
    path(_("agreement/"), views.PartyAgreement.as_view(), name="party_agreement"),
    path(_("follow-up/<int:pk>/"), views.PartyCheckIn.as_view(), name="party_checkin"),
]

urlpatterns = [
    path(
        _("mediation/"),
        include(
            [
                path(_("party/<str:token>/"), include(party)),
                path(_("client/<str:token>/"), views.ContactHome.as_view(), name="contact"),
            ]
        ),
    ),
]
