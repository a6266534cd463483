"""Retention: one daily pass over every app's registered personal data (privacy.registry)."""

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from . import registry

logger = logging.getLogger("privacy.retention")


def purge_expired(now: dt.datetime | None = None) -> dict[str, int]:
    """Asks every registered kind of personal data to purge what has outlived its retention time.
    Returns {name: count} and logs the counts (never any content). One failing kind does not stop
    the others; the pass then ends with an error naming the kinds that failed, so it shows."""
    now = now or timezone.now()
    purged, failed = {}, []
    for entry in registry.entries():
        if entry.purge_due is None:
            continue
        try:
            purged[entry.name] = entry.purge_due(now)
        except Exception:
            logger.exception("retention: purging %s failed", entry.name)
            failed.append(entry.name)
            continue
        logger.info("retention: %s purged %d", entry.name, purged[entry.name])
    if failed:
        raise RuntimeError(f"retention: purging {', '.join(failed)} failed (the others were purged)")
    return purged


@shared_task(name="privacy.purge_expired")
def purge_expired_task() -> dict[str, int]:
    return purge_expired()
