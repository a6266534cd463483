"""Every change to the calendar and its bookings. Each action is one transaction."""

import datetime as dt

from django.db import IntegrityError, transaction

from .exceptions import SlotTaken
from .models import CalendarBlock, Practitioner


def _overlapping(practitioner: Practitioner, start: dt.datetime, end: dt.datetime, exclude_pk=None):
    blocks = CalendarBlock.objects.filter(
        practitioner=practitioner, active=True, start__lt=end, end__gt=start
    )
    if exclude_pk is not None:
        blocks = blocks.exclude(pk=exclude_pk)
    return blocks


def block_reserve(
    *, practitioner: Practitioner, start: dt.datetime, end: dt.datetime, kind: str, guard: bool = True
) -> CalendarBlock:
    """Takes [start, end) of the practitioner's time, or raises SlotTaken.

    The check below serves SQLite (whose IMMEDIATE transactions serialise writers); on PostgreSQL
    the exclusion constraint is the guard that also holds under concurrent transactions.
    `guard=False` exists only for the race tests' negative control.
    """
    with transaction.atomic():
        if guard and _overlapping(practitioner, start, end).exists():
            raise SlotTaken
        try:
            with transaction.atomic():
                return CalendarBlock.objects.create(
                    practitioner=practitioner, start=start, end=end, kind=kind
                )
        except IntegrityError as exc:
            if "calendar_block_no_overlap" in str(exc):
                raise SlotTaken from exc
            raise


def block_move(*, block: CalendarBlock, start: dt.datetime, end: dt.datetime) -> CalendarBlock:
    """Moves an active block to a new time, or raises SlotTaken (the block itself does not count)."""
    with transaction.atomic():
        if _overlapping(block.practitioner, start, end, exclude_pk=block.pk).exists():
            raise SlotTaken
        block.start, block.end = start, end
        try:
            with transaction.atomic():
                block.save(update_fields=["start", "end"])
        except IntegrityError as exc:
            if "calendar_block_no_overlap" in str(exc):
                raise SlotTaken from exc
            raise
        return block


def block_release(*, block: CalendarBlock) -> None:
    """Frees the time; the row stays for history."""
    CalendarBlock.objects.filter(pk=block.pk).update(active=False)
    block.active = False
