"""Many clients book one time at once on PostgreSQL: exactly one wins, by the database's own guard."""

import datetime as dt

import pytest

from core.time import HELSINKI
from tests.factories import bookable
from tests.support.races import exclusion_constraint_dropped, race_for_one_slot
from tests.support.seams import calendar_checks_off

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _tomorrow_at_ten():
    day = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=2)
    return dt.datetime.combine(day, dt.time(10), tzinfo=HELSINKI).astimezone(dt.UTC)


def test_exactly_one_of_many_concurrent_bookings_of_one_time_wins():
    _, session_type = bookable()
    assert race_for_one_slot(session_type, _tomorrow_at_ten(), threads=12) == 1


def test_the_database_constraint_alone_refuses_the_double_booking():
    # The Python check switched off: only PostgreSQL's exclusion constraint stands in the way.
    _, session_type = bookable()
    with calendar_checks_off():
        assert race_for_one_slot(session_type, _tomorrow_at_ten(), threads=12) == 1


def test_negative_control_without_the_guard_the_race_double_books():
    _, session_type = bookable()
    with exclusion_constraint_dropped(), calendar_checks_off():
        won = race_for_one_slot(session_type, _tomorrow_at_ten(), threads=12)
        assert won > 1, "the race test could not fail: without any guard it still booked once"
