"""Loads idempotent demo content: the admin account, then each part in the order they build on."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import calendar, calendar_sync, events, invoicing, mediation, series, services, site, workspace

# The calendar first (practitioner, session types, bookings); the series and events take their time
# from it; the workspace's past sessions after them; the site's summary and the bookings' count last.
# Invoicing runs after the others' transaction: finalising an invoice commits durably on its own.
LOADERS = (site, calendar, calendar_sync, events, series, workspace, services, mediation, invoicing)
OWN_TRANSACTIONS = (invoicing,)


class Command(BaseCommand):
    help = "Loads demo content relative to today (services, hours, bookings, an event, a mediation case)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
            raise CommandError("Demo content is for local sites only.")
        with transaction.atomic():
            for part in LOADERS:
                if part not in OWN_TRANSACTIONS:
                    part.load(self.stdout)
        for part in OWN_TRANSACTIONS:
            part.load(self.stdout)
        calendar.summary(self.stdout)
        site.summary(self.stdout)
