"""External calendars in (busy times become calendar blocks), the private feed out (its secret link).

A sync reads the source outside any transaction (a slow server never holds a database lock), then
in one short transaction records the outcome and re-derives the practitioner's external blocks
from the last good busy times of all their sources:

- the busy times of one source are merged, so they never overlap each other;
- where two sources overlap, the older source owns the shared time (each block has one source);
- the site's own active blocks (bookings, holds, events, mediation meetings, time off) are cut
  out: a booking already made stays, and the external busy time around it still removes slots;
- blocks that are unchanged stay, obsolete ones are deleted (external blocks keep no history),
  new ones go through the calendar guard. If a booking was committed meanwhile by another
  transaction (PostgreSQL), the guard refuses the piece and the piece is cut around it instead.

So a sync never fails on the exclusion constraint, and a failing source (unreachable, refused,
garbage) keeps its last good busy times while its error and the time of its last success are shown
in admin. Nothing here runs inside a booking page.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bookings.actions.calendar import block_reserve
from bookings.cache import calendar_changed
from bookings.exceptions import SlotTaken
from bookings.models import CalendarBlock, Practitioner, ServiceKind
from core.time import HELSINKI, day_start
from privacy.links import link_create, link_revoke

from .exceptions import SyncError
from .fetch import fetch_caldav, fetch_ics
from .kinds import FeedLink
from .models import ExternalBusyBlock, ExternalCalendar
from .parse import Interval, assign, busy_intervals, own_uid_check, subtract

logger = logging.getLogger(__name__)

FEED_LIFETIME = dt.timedelta(days=20 * 365)  # a subscription lives until the link is regenerated
DEFAULT_HORIZON_DAYS = 90  # a practitioner offering no session type yet
INSERT_ATTEMPTS = 3


@dataclass(frozen=True)
class SyncResult:
    ok: bool
    busy_times: int  # intervals of the source (the last good ones when it failed)
    error: str = ""


def sync_window(practitioner: Practitioner, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """From the start of today (Helsinki) to the end of the farthest the practitioner can be booked:
    their longest booking horizon, or SERIES_HORIZON_DAYS when they offer a type that is booked as
    a supervision series (active supervision types: bookings.forms_series.series_types), so every
    session of a series is checked against their own calendar too.

    Day boundaries, not `now`, so that an ongoing event's block stays the same all day.
    """
    offered = practitioner.session_types.filter(is_active=True).aggregate(
        days=Max("horizon_days"), series=Count("pk", filter=Q(service=ServiceKind.SUPERVISION))
    )
    horizon = offered["days"] or DEFAULT_HORIZON_DAYS
    if offered["series"]:
        horizon = max(horizon, settings.SERIES_HORIZON_DAYS)
    today = now.astimezone(HELSINKI).date()
    last = today + dt.timedelta(days=horizon + 2)
    return day_start(today), day_start(last)


def _dump(intervals: list[Interval]) -> list[list[str]]:
    return [[start.isoformat(), end.isoformat()] for start, end in intervals]


def _load(busy_times: list) -> list[Interval]:
    return [(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)) for start, end in busy_times]


def _read(calendar: ExternalCalendar, start: dt.datetime, end: dt.datetime) -> list[Interval]:
    if calendar.kind == ExternalCalendar.Kind.CALDAV:
        documents = fetch_caldav(
            calendar.url, username=calendar.username, password=calendar.password, start=start, end=end
        )
    else:
        documents = fetch_ics(calendar.url)
    is_own = own_uid_check(urlsplit(settings.SITE_URL).hostname or "localhost")
    return busy_intervals(documents, start=start, end=end, is_own=is_own)


def external_calendar_sync(*, calendar: ExternalCalendar, now: dt.datetime | None = None) -> SyncResult:
    """Reads the source and replaces its busy blocks; never raises for a failing source.

    On success the source's busy times are replaced and its error cleared; on failure they are
    kept and the error (in the practitioner's language) and the attempt are recorded. Either way
    the practitioner's external blocks are re-derived (see the module docstring). An inactive
    source is not read; its blocks are removed.
    """
    now = now or timezone.now()
    practitioner = calendar.practitioner
    if not calendar.active:
        external_blocks_refresh(practitioner=practitioner, now=now)
        return SyncResult(ok=True, busy_times=0)
    start, end = sync_window(practitioner, now)
    intervals, error = None, ""
    try:
        intervals = _read(calendar, start, end)
    except SyncError as exc:
        with translation.override(practitioner.language):
            error = str(exc.message)
        logger.warning("external calendar %s: %s", calendar.pk, exc)
    except Exception:  # a bug or a library's surprise must not stop the other sources
        logger.exception("external calendar %s: unexpected error", calendar.pk)
        with translation.override(practitioner.language):
            error = str(_("Reading the calendar failed unexpectedly."))
    with transaction.atomic():
        source = ExternalCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
        if source is None:  # deleted meanwhile
            return SyncResult(ok=False, busy_times=0, error=error)
        source.last_attempt_at = now
        if intervals is None:
            source.last_error = error
        else:
            source.busy_times, source.last_success_at, source.last_error = _dump(intervals), now, ""
        source.save(update_fields=["last_attempt_at", "last_error", "busy_times", "last_success_at"])
        external_blocks_refresh(practitioner=practitioner, now=now)
    calendar.refresh_from_db()
    return SyncResult(ok=intervals is not None, busy_times=len(source.busy_times), error=error)


def external_calendars_sync_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One pass over every active source (the periodic task), then a clean-up of practitioners
    whose sources were all removed. One source's failure never stops the others."""
    counts = {"ok": 0, "failed": 0}
    calendars = ExternalCalendar.objects.filter(active=True).select_related("practitioner").order_by("pk")
    for calendar in calendars:
        try:
            result = external_calendar_sync(calendar=calendar, now=now)
        except DatabaseError:  # e.g. a deadlock with a booking on PostgreSQL: the next pass retries
            logger.exception("external calendar %s: database error", calendar.pk)
            result = SyncResult(ok=False, busy_times=0)
        counts["ok" if result.ok else "failed"] += 1
    leftover = (
        Practitioner.objects.filter(blocks__kind=CalendarBlock.Kind.EXTERNAL)
        .exclude(external_calendars__active=True)
        .distinct()
    )
    for practitioner in leftover:
        external_blocks_refresh(practitioner=practitioner, now=now)
    return counts


def external_blocks_refresh(*, practitioner: Practitioner, now: dt.datetime | None = None) -> int:
    """Re-derives the practitioner's external blocks from their active sources' last good busy
    times and the site's own blocks, in one transaction. Returns how many blocks changed."""
    now = now or timezone.now()
    with transaction.atomic():
        # Serialises refreshes of one practitioner (two workers, or a sync and an admin action).
        # FOR NO KEY UPDATE: a plain FOR UPDATE would deadlock with a booking committing meanwhile,
        # whose deferred foreign key check takes FOR KEY SHARE on this row at COMMIT.
        Practitioner.objects.select_for_update(no_key=True).filter(pk=practitioner.pk).first()
        start, end = sync_window(practitioner, now)
        sources = [
            (pk, [(max(s, start), min(e, end)) for s, e in _load(busy) if s < end and e > start])
            for pk, busy in ExternalCalendar.objects.filter(practitioner=practitioner, active=True)
            .order_by("pk")
            .values_list("pk", "busy_times")
        ]
        taken = (
            CalendarBlock.objects.filter(practitioner=practitioner, active=True, start__lt=end, end__gt=start)
            .exclude(kind=CalendarBlock.Kind.EXTERNAL)
            .values_list("start", "end")
        )
        wanted = {(source, s, e) for source, (s, e) in assign(sources, taken)}
        existing = {}
        obsolete = []
        for pk, s, e, source, active in CalendarBlock.objects.filter(
            practitioner=practitioner, kind=CalendarBlock.Kind.EXTERNAL
        ).values_list("pk", "start", "end", "external_source__calendar_id", "active"):
            if active and (source, s, e) in wanted and (source, s, e) not in existing:
                existing[(source, s, e)] = pk
            else:
                obsolete.append(pk)
        if obsolete:
            CalendarBlock.objects.filter(pk__in=obsolete).delete()  # their links go with them
            calendar_changed()
        new = sorted(wanted - existing.keys(), key=lambda piece: piece[1])
        for source, s, e in new:
            _insert(practitioner, source, s, e)
        return len(obsolete) + len(new)


def _insert(practitioner: Practitioner, source: int, start: dt.datetime, end: dt.datetime) -> None:
    """One busy piece through the guard; where a block appeared meanwhile, the piece goes around it."""
    pending = [(start, end)]
    for _attempt in range(INSERT_ATTEMPTS):
        refused = []
        for s, e in pending:
            try:
                block = block_reserve(
                    practitioner=practitioner, start=s, end=e, kind=CalendarBlock.Kind.EXTERNAL
                )
            except SlotTaken:
                taken = CalendarBlock.objects.filter(
                    practitioner=practitioner, active=True, start__lt=e, end__gt=s
                ).values_list("start", "end")
                refused.extend(subtract([(s, e)], taken))
                continue
            ExternalBusyBlock.objects.create(calendar_id=source, block=block)
        if not refused:
            return
        pending = refused
    logger.warning(
        "external busy time %s–%s of calendar %s skipped: the calendar kept changing", start, end, source
    )


def external_calendar_delete(*, calendar: ExternalCalendar) -> None:
    """Removes the source and, in the same transaction, its busy blocks."""
    with transaction.atomic():
        practitioner = calendar.practitioner
        CalendarBlock.objects.filter(external_source__calendar=calendar).delete()
        calendar.delete()
        calendar_changed()
        external_blocks_refresh(practitioner=practitioner)


def calendar_feed_regenerate(*, practitioner: Practitioner) -> str:
    """Revokes the practitioner's feed links and makes a new one: the old URL stops working at once.

    Returns the token; it is known only now (the database keeps its hash), so show it once.
    """
    with transaction.atomic():
        link_revoke(purpose=FeedLink.FEED, target=practitioner)
        return link_create(
            purpose=FeedLink.FEED, target=practitioner, expires_at=timezone.now() + FEED_LIFETIME
        )


def block_freed_receiver(*, practitioner_id: int, **kwargs) -> None:
    """Connected to bookings.signals.block_freed: a time the site freed may be busy in the
    practitioner's own calendar, so their external blocks are re-derived at once (not at the next
    sync)."""
    practitioner = Practitioner.objects.filter(pk=practitioner_id, external_calendars__active=True).first()
    if practitioner is not None:
        external_blocks_refresh(practitioner=practitioner)
