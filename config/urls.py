from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from calendar_sync import feed as calendar_feed
from core import views as core_views

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    # The practitioner's private calendar feed: one address for every language (a subscription).
    path("calendar/feed/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("services.seo_urls")),
]
if settings.MEDIA_STORAGE != "s3":
    # Uploaded pictures on the server's own disk, served by the site (core.views.media).
    urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "<path:path>", core_views.media, name="media"))

# Finnish without a prefix, Swedish under /sv/, English under /en/; slugs are translated.
urlpatterns += i18n_patterns(
    path(_("booking/"), include("bookings.urls")),
    path(_("booking/"), include("events.urls")),
    path(_("booking/"), include("series.urls")),
    path("", include("mediation.urls")),  # mediation/urls.py owns its translated prefix
    path("", include("services.urls")),
    prefix_default_language=False,
)
