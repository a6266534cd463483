"""The public pages. Slugs are translated (gettext_lazy), so each language has its own addresses:
/tyoyhteisosovittelu/, /sv/arbetsplatsmedling/, /en/workplace-mediation/."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .models import Page

app_name = "services"


def service(slug, key: str):
    """A service page with its request form and the form's thank-you page."""
    return path(
        slug,
        include(
            [
                path("", views.page, {"key": key}, name=key),
                path(_("request/"), views.request_form, {"kind": key}, name=f"{key}_request"),
                path(_("request/sent/"), views.request_sent, {"kind": key}, name=f"{key}_request_sent"),
            ]
        ),
    )


urlpatterns = [
    path("", views.home, name="home"),
    service(_("work-supervision/"), Page.Key.SUPERVISION),
    service(_("workplace-mediation/"), Page.Key.MEDIATION),
    service(_("talks/"), Page.Key.TALKS),
    service(_("sound-relaxation/"), Page.Key.SOUND_RELAXATION),
    path(_("about/"), views.about, name="about"),
    path(_("contact/"), views.page, {"key": Page.Key.CONTACT}, name="contact"),
    path(_("privacy-policy/"), views.page, {"key": Page.Key.PRIVACY}, name="privacy"),
    path(_("accessibility-statement/"), views.page, {"key": Page.Key.ACCESSIBILITY}, name="accessibility"),
]
