"""The base of every sitemap.xml section."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap


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
