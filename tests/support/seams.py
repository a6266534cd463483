"""The negative controls' switches: each turns off one guard of the site for the length of a `with`,
to prove that a race or a constraint test can fail (the site's functions take no test-only flags).

They replace a module's private seam for every thread at once (the races run in threads), and put
it back when the block ends.
"""

from contextlib import contextmanager

import pytest

from bookings.models import CalendarBlock


@contextmanager
def _replaced(*replacements):
    with pytest.MonkeyPatch.context() as patch:
        for module, name, value in replacements:
            patch.setattr(module, name, value)
        yield


def calendar_checks_off():
    """The calendar guard's checks in Python off: booking_create takes a time that is not free (for
    the type's first practitioner) and block_reserve / block_move see no overlapping block. What is
    left is the database: PostgreSQL's exclusion constraint (SQLite has none)."""
    from bookings import selectors
    from bookings.actions import calendar

    def anyone_free(session_type, *args, **kwargs):
        return selectors.practitioners_for(session_type)[0]

    return _replaced(
        (calendar, "_overlapping", lambda *args, **kwargs: CalendarBlock.objects.none()),
        (selectors, "practitioner_free_at", anyone_free),
    )


def event_rows_unlocked():
    """Seats counted and taken without the lock on the event row: concurrent bookings oversell."""
    from events.actions import settle

    return _replaced((settle, "_for_update", lambda rows: rows))


def invoice_numbers_unlocked():
    """Invoice numbers taken without the lock on the year's sequence row: two invoices, one number."""
    from invoicing.actions import numbers

    return _replaced((numbers, "_for_update", lambda rows: rows))
