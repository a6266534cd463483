"""The Celery app. Tasks live in each app's tasks.py; the schedule is below."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ohjaamo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Worker and beat log through Django's LOGGING (one line, request id, tokens masked), not Celery's own format.
app.conf.worker_hijack_root_logger = False


@after_setup_logger.connect
@after_setup_task_logger.connect
def _mask_tokens(**kwargs):
    """Whatever handlers Celery adds get the personal-link token mask too."""
    from core.logging import mask_every_handler

    mask_every_handler()


# Every minute one pass of the outbox (reminders and the daily agenda are rows with a due
# time, not schedules of their own). MESSAGES_SEND_EVERY_SECONDS shortens it for tests.
_SEND_EVERY = float(os.environ.get("MESSAGES_SEND_EVERY_SECONDS", "60"))
app.conf.beat_schedule = {
    "send-due-messages": {
        "task": "notifications.send_due_messages",
        "schedule": _SEND_EVERY,
        "options": {"expires": _SEND_EVERY},  # a pass older than the next one is not needed
    },
    # Daily retention pass over privacy.registry (mediation content of closed cases, etc.).
    "purge-expired-personal-data": {
        "task": "privacy.purge_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    # Waitlist offers past their time expire and their seats pass to the next in line (events.tasks; the task keeps its name).
    "expire-waitlist-offers": {
        "task": "bookings.expire_waitlist_offers",
        "schedule": 300.0,
        "options": {"expires": 300},
    },
    # Busy times from the practitioners' external calendars (calendar_sync.tasks; the task keeps its name).
    "sync-external-calendars": {
        "task": "bookings.sync_external_calendars",
        "schedule": 600.0,
        "options": {"expires": 600},  # a pass older than the next one is not needed
    },
}
