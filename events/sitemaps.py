"""Each upcoming published event in sitemap.xml (services assembles the sitemap: services.seo.SITEMAPS).

Events keep no "last changed" time, so they carry no lastmod rather than a wrong one.
"""

from django.urls import reverse
from django.utils import timezone

from core.sitemaps import CanonicalSitemap

from .selectors import events_public


class EventSitemap(CanonicalSitemap):
    """Each published event that has not started. One query."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        upcoming = events_public().filter(start__gt=timezone.now()).order_by("start", "pk")
        return list(upcoming.values_list("slug", flat=True))

    def location(self, item):
        return reverse("events:event", kwargs={"slug": item})
