"""bookings: tasks."""

from celery import shared_task

from .actions import external_calendars_sync_all


@shared_task(name="bookings.sync_external_calendars", ignore_result=True)
def sync_external_calendars() -> str:
    """One pass over every active external calendar (beat runs it every 10 minutes)."""
    return str(external_calendars_sync_all())
