"""Loads idempotent demo content: the admin account, then each of our apps' `demo.load(out)`."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import demo as core_demo


class Command(BaseCommand):
    help = "Loads demo content relative to today (services, hours, bookings, an event, a mediation case)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
            raise CommandError("Demo content is for local sites only.")
        ours = [c.name for c in apps.get_app_configs() if c.path.startswith(str(settings.BASE_DIR))]
        with transaction.atomic():
            core_demo.load(self.stdout)
            for name in ours:
                if name != "core" and find_spec(f"{name}.demo"):
                    import_module(f"{name}.demo").load(self.stdout)
        core_demo.summary(self.stdout)
