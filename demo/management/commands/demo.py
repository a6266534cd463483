"""Loads idempotent demo content: the admin account, then each part in the order they build on."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import calendar, calendar_sync, events, invoicing, mediation, series, services, site, workspace

# The calendar first (practitioner, session types, bookings); the series and events take their time
# from it; the workspace's past sessions after them; the site's summary and the bookings' count last.
# Invoicing after everything it invoices.
LOADERS = (site, calendar, calendar_sync, events, series, workspace, services, mediation, invoicing)


class Command(BaseCommand):
    help = "Loads demo content relative to today (services, hours, bookings, an event, a mediation case)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
            raise CommandError("Demo content is for local sites only.")
        # No transaction around it all: the actions commit durably on their own, and every part is
        # idempotent, so a run that stops halfway is completed by the next.
        for part in LOADERS:
            part.load(self.stdout)
        calendar.summary(self.stdout)
        site.summary(self.stdout)
