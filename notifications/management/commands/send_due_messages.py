"""python manage.py send_due_messages: one send pass of the outbox, as beat runs every minute."""

from django.core.management.base import BaseCommand

from notifications.actions import messages_send_due


class Command(BaseCommand):
    help = "Sends the messages that are due (once each; safe to run beside the Celery workers)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="rows claimed at a time")
        parser.add_argument("--seconds", type=float, default=None, help="stop claiming after this long")

    def handle(self, *args, batch_size, seconds, **options):
        report = messages_send_due(batch_size=batch_size, seconds=seconds)
        self.stdout.write(str(report))
