"""The public booking pages in sitemap.xml (services assembles the sitemap: services.seo.SITEMAPS).

Listed: the start of the booking flow, the open events, each upcoming published event and the
supervision series planner, in fi, sv and en. Never listed: anything behind a personal link (one's
booking, seats, waitlist place, offer, series, agreement) nor a step of the flow that needs a
choice in its query string. Bookings keep no "last changed" time for these pages (an event has no
updated_at, the start page follows the session types), so they carry no lastmod rather than a
wrong one.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from .selectors_events import events_public


class CanonicalSitemap(Sitemap):
    """Every item in fi, sv and en, each with its alternates and x-default (Finnish), at the
    site's canonical address (SITE_URL) whatever Host the sitemap was asked through."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]


# (url name, priority)
BOOKING_PAGES = [
    ("bookings:start", 0.8),
    ("bookings:events", 0.7),
    ("bookings:series_plan", 0.6),
]


class BookingPageSitemap(CanonicalSitemap):
    """The booking start page, the open events list and the series planner."""

    changefreq = "weekly"

    def items(self):
        return BOOKING_PAGES

    def location(self, item):
        return reverse(item[0])

    def priority(self, item):
        return item[1]


class EventSitemap(CanonicalSitemap):
    """Each published event that has not started. One query."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        upcoming = events_public().filter(start__gt=timezone.now()).order_by("start", "pk")
        return list(upcoming.values_list("slug", flat=True))

    def location(self, item):
        return reverse("bookings:event", kwargs={"slug": item})
