"""python manage.py purge_expired: the retention pass the daily Celery task runs, on demand."""

from django.core.management.base import BaseCommand

from privacy.tasks import purge_expired


class Command(BaseCommand):
    help = "Purges personal data whose retention time has passed (every app registered in privacy.registry)."

    def handle(self, *args, **options):
        purged = purge_expired()
        for name, count in purged.items():
            self.stdout.write(f"{name}: {count} purged")
        if not purged:
            self.stdout.write("nothing registered for retention")
