"""Celery tasks of the outbox: thin, no arguments; the schedule lives in the database."""

from celery import shared_task
from celery.signals import worker_ready

from .actions import messages_send_due


@shared_task(name="notifications.send_due_messages", ignore_result=True)
def send_due_messages() -> str:
    """One send pass (beat runs it every minute; queuing a message due now may run it at once)."""
    return str(messages_send_due())


@worker_ready.connect
def send_when_a_worker_starts(**kwargs) -> None:
    """What fell due while no worker ran goes out at once, not at beat's next tick."""
    send_due_messages.delay()
