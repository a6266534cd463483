"""The calendar guard: every way of taking a practitioner's time goes through these."""

import datetime as dt

from django.db import IntegrityError, transaction

from ..cache import calendar_changed
from ..exceptions import SlotTaken
from ..models import CalendarBlock, Practitioner
from ..signals import block_freed


def _overlapping(practitioner: Practitioner, start: dt.datetime, end: dt.datetime, exclude_pk=None):
    blocks = CalendarBlock.objects.filter(
        practitioner=practitioner, active=True, start__lt=end, end__gt=start
    )
    if exclude_pk is not None:
        blocks = blocks.exclude(pk=exclude_pk)
    return blocks


def _save_guarded(save):
    """Runs a block write; the PostgreSQL exclusion constraint's refusal becomes SlotTaken."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as exc:
        if "calendar_block_no_overlap" in str(exc):
            raise SlotTaken from exc
        raise


def block_reserve(
    *, practitioner: Practitioner, start: dt.datetime, end: dt.datetime, kind: str
) -> CalendarBlock:
    """Takes [start, end) of the practitioner's time, or raises SlotTaken.

    The check below serves SQLite (whose IMMEDIATE transactions serialise writers); on PostgreSQL
    the exclusion constraint is the guard that also holds under concurrent transactions (the race
    tests switch the check off through tests/support/seams.py to prove it).
    """
    with transaction.atomic():
        if _overlapping(practitioner, start, end).exists():
            raise SlotTaken
        block = _save_guarded(
            lambda: CalendarBlock.objects.create(practitioner=practitioner, start=start, end=end, kind=kind)
        )
        calendar_changed()
        return block


def block_move(
    *, block: CalendarBlock, start: dt.datetime, end: dt.datetime, practitioner: Practitioner | None = None
) -> CalendarBlock:
    """Moves an active block (possibly to another practitioner), or raises SlotTaken."""
    practitioner = practitioner or block.practitioner
    freed_from = block.practitioner_id
    with transaction.atomic():
        if _overlapping(practitioner, start, end, exclude_pk=block.pk).exists():
            raise SlotTaken
        block.practitioner, block.start, block.end = practitioner, start, end
        _save_guarded(lambda: block.save(update_fields=["practitioner", "start", "end"]))
        calendar_changed()
        _block_freed(block, freed_from)
        return block


def block_release(*, block: CalendarBlock) -> None:
    """Frees the time; the row stays for history."""
    CalendarBlock.objects.filter(pk=block.pk).update(active=False)
    block.active = False
    calendar_changed()
    _block_freed(block, block.practitioner_id)


def _block_freed(block: CalendarBlock, practitioner_id: int) -> None:
    """Tells the apps above (block_freed) once the change is committed: external busy time is
    stored cut around the site's own blocks, so where one is freed calendar_sync re-derives it."""
    if block.kind == CalendarBlock.Kind.EXTERNAL:
        return
    # robust: the change itself is committed; a failed receiver is logged and the next sync repairs it.
    transaction.on_commit(
        lambda: block_freed.send(sender=CalendarBlock, block=block, practitioner_id=practitioner_id),
        robust=True,
    )
