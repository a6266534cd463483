"""Loads idempotent demo content: the admin account, then each part in the order they build on."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import calendar, calendar_sync, events, mediation, practice, series, services, site, workspace

# The calendar first (practitioner, session types, bookings), then the practice's identity and places;
# the series and events take their time from it; the workspace's past sessions after them; the site's
# summary and the bookings' count last.
LOADERS = (site, calendar, practice, calendar_sync, events, series, workspace, services, mediation)


class Command(BaseCommand):
    help = "Loads demo content relative to today (services, hours, bookings, an event, a mediation case)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
            raise CommandError("Demo content is for local sites only.")
        with transaction.atomic():
            for part in LOADERS:
                part.load(self.stdout)
        calendar.summary(self.stdout)
        site.summary(self.stdout)
