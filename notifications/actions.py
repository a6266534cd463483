"""Queuing and cancelling messages. Called inside the caller's transaction: the message exists
exactly when the change that caused it does."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import Message


def _key(kind: str, target: models.Model, occurrence: str) -> str:
    ct = ContentType.objects.get_for_model(target)
    return f"{kind}:{ct.pk}:{target.pk}:{occurrence}"


def message_queue(
    *,
    kind: str,
    target: models.Model,
    recipient: str,
    language: str,
    due_at: dt.datetime | None = None,
    occurrence: str = "",
    context: dict | None = None,
) -> Message:
    """Queues `kind` about `target` once per occurrence: queuing the same key again returns the
    existing row unchanged. `occurrence` tells repeated messages apart (e.g. a booking's sequence)."""
    message, _created = Message.objects.get_or_create(
        key=_key(kind, target, occurrence),
        defaults={
            "kind": kind,
            "target_type": ContentType.objects.get_for_model(target),
            "target_id": target.pk,
            "recipient": recipient,
            "language": language[:8],
            "due_at": due_at or timezone.now(),
            "context": context or {},
        },
    )
    return message


def message_cancel(*, target: models.Model, kinds: list[str] | None = None) -> int:
    """Cancels pending messages about `target` (of these kinds); returns how many."""
    pending = Message.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        status=Message.Status.PENDING,
    )
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    return pending.update(status=Message.Status.CANCELLED)


def message_supersede(
    *,
    kind: str,
    target: models.Model,
    recipient: str,
    language: str,
    due_at: dt.datetime,
    occurrence: str,
    context: dict | None = None,
) -> Message:
    """Replaces the pending `kind` messages about `target` by one for a new occurrence
    (a reschedule replaces the pending reminder)."""
    message_cancel(target=target, kinds=[kind])
    return message_queue(
        kind=kind,
        target=target,
        recipient=recipient,
        language=language,
        due_at=due_at,
        occurrence=occurrence,
        context=context,
    )
