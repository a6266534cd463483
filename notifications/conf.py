"""Settings of the outbox, each with a default (override in Django settings; see the README).

Read at call time, so that tests can change them with override_settings.
"""

import datetime as dt

from django.conf import settings


def claim_timeout() -> dt.timedelta:
    """A row claimed longer ago than this is due again: its sender is taken to have died."""
    return dt.timedelta(seconds=getattr(settings, "MESSAGES_CLAIM_TIMEOUT", 600))


def batch_size() -> int:
    """Rows one claim takes; small enough to be sent well within the claim timeout."""
    return getattr(settings, "MESSAGES_BATCH_SIZE", 50)


def pass_seconds() -> float:
    """How long one send pass may keep claiming new batches before it returns."""
    return getattr(settings, "MESSAGES_PASS_SECONDS", 50.0)


def max_attempts() -> int:
    """Transient failures after which a message is marked failed."""
    return getattr(settings, "MESSAGES_MAX_ATTEMPTS", 10)


def retry_delay(attempts: int) -> dt.timedelta:
    """Backoff after the n-th failed attempt: 1, 2, 4, … minutes, at most an hour."""
    base = getattr(settings, "MESSAGES_RETRY_BASE", 60)
    cap = getattr(settings, "MESSAGES_RETRY_MAX", 3600)
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def send_on_commit() -> bool:
    """Whether queuing a message that is due now also asks a worker to send at once (after the
    commit). On by default when a real broker is configured; beat's every-minute pass covers the rest."""
    return getattr(settings, "MESSAGES_SEND_ON_COMMIT", getattr(settings, "BROKER_CONFIGURED", False))


def log_retention() -> dt.timedelta:
    """How long the log keeps a message that is done (sent, failed or cancelled)."""
    return dt.timedelta(days=getattr(settings, "MESSAGES_LOG_RETENTION_DAYS", 365))
