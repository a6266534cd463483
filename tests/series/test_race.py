"""Several organisations book the same series times at once on PostgreSQL: one series wins
whole, the others leave nothing behind (all or nothing under the database's guard). The negative
control drops the exclusion constraint: then the race books the same times twice."""

import datetime as dt

import pytest

from bookings.actions.common import Client
from bookings.models import Booking, CalendarBlock
from core.time import HELSINKI
from series.actions.series import series_create
from series.models import Series, SeriesSession, SupervisionAgreement
from series.selectors import series_starts
from tests.factories import bookable
from tests.support.races import exclusion_constraint_dropped, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def series_race(session_type, threads=8) -> int:
    first = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=7)
    starts = series_starts(first, dt.time(10), weeks=2, count=4)

    def attempt(i: int):
        client = Client(
            name=f"Org {i}", email=f"org{i}@example.fi", organisation={"organisation_name": f"Org {i}"}
        )
        return series_create(
            session_type=session_type, modality="online", starts=starts, cadence="2w", client=client
        )

    race(threads, attempt)
    return Series.objects.count()


def test_one_of_many_concurrent_series_of_the_same_times_wins_and_the_others_leave_nothing():
    _, session_type = bookable()
    assert series_race(session_type) == 1
    assert Booking.objects.count() == 4 and SeriesSession.objects.count() == 4
    assert SupervisionAgreement.objects.count() == 1
    assert CalendarBlock.objects.filter(active=True).count() == 4 and CalendarBlock.objects.count() == 4


def test_negative_control_without_the_database_guard_the_series_race_double_books():
    _, session_type = bookable()
    with exclusion_constraint_dropped():
        won = series_race(session_type)
        SeriesSession.objects.all().delete()  # the context's clean-up deletes the bookings
        Series.objects.all().delete()
        SupervisionAgreement.objects.all().delete()
        assert won > 1, "the race test could not fail: without the guard only one series was booked"
