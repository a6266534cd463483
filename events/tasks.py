"""Celery task of events (imported from BookingsConfig.ready(), so workers know it)."""

from celery import shared_task

from .actions.waitlist import offers_expire


@shared_task(name="bookings.expire_waitlist_offers", ignore_result=True)
def expire_waitlist_offers() -> int:
    """Expires waitlist offers past their time and hands the seats on (beat: every 5 minutes)."""
    return offers_expire()
