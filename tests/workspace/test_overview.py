"""The overview: utilisation per week, bookings by service, cancellations and no-shows, ratings."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from bookings.actions.booking import block_reserve
from bookings.actions.record import booking_mark
from bookings.models import Booking, Feedback, TimeOff
from core.time import HELSINKI
from tests.factories import BookingFactory, StaffFactory, bookable
from workspace import overview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(2027, 3, 1, 6, 0, tzinfo=dt.UTC)


def at(month, day, hour):
    return dt.datetime(2027, month, day, hour, tzinfo=HELSINKI).astimezone(dt.UTC)


@pytest.fixture
def month_of_work():
    practitioner, session_type = bookable()
    _p2, talk = bookable(service="talk", name="Luento")
    talk.practitioners.add(practitioner)
    staff = StaffFactory()
    first, second = (
        BookingFactory(session_type=session_type, start=at(3, 22, h), completed=True, online=True, now=NOW)
        for h in (9, 11)
    )
    third = BookingFactory(session_type=session_type, start=at(3, 22, 13), online=True, now=NOW)
    BookingFactory(session_type=talk, start=at(3, 24, 10), client_name="Luentotilaaja", online=True, now=NOW)
    BookingFactory(session_type=session_type, start=at(3, 25, 9), cancelled=True, online=True, now=NOW)
    for booking, rating in ((first, 5), (second, 4)):
        Feedback.objects.create(booking=booking, rating=rating)
    booking_mark(booking=third, status=Booking.Status.NO_SHOW, by_user=staff)
    block = block_reserve(practitioner=practitioner, start=at(3, 23, 0), end=at(3, 24, 0), kind="time_off")
    TimeOff.objects.create(practitioner=practitioner, block=block, start=block.start, end=block.end)
    return practitioner


def test_figures_of_a_month_with_holidays_time_off_and_outcomes(month_of_work, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        f = overview.figures(dt.date(2027, 3, 1), dt.date(2027, 4, 30), practitioners=[month_of_work])
    week_12 = next(w for w in f.weeks if w.first == dt.date(2027, 3, 22))
    # 8–18 every day, less Good Friday, Easter Sunday and a day off: 4 days of 10 hours.
    assert week_12.available == Decimal("40.0")
    assert week_12.booked == Decimal("4.0")  # three sessions and a talk; the cancelled one is free again
    assert week_12.utilisation == 10
    assert dict(f.by_service) == {"Work supervision": 3, "Inspiration talk": 1}
    march = f.months[0]
    assert (march.bookings, march.cancelled, march.declined, march.no_show) == (4, 1, 0, 1)
    assert f.ratings == [(5, 1), (4, 1), (3, 0), (2, 0), (1, 0)]
    assert f.rating_average == Decimal("4.5") and f.rating_count == 2
    assert [w.first for w in f.weeks][:2] == [dt.date(2027, 3, 1), dt.date(2027, 3, 8)]
    assert f.weeks[-1].last == dt.date(2027, 4, 30)


def test_the_overview_page_draws_charts_with_their_figures_beside_them(client, month_of_work):
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:workspace_overview")
    html = client.get(url, {"month": "2027-03", "practitioner": month_of_work.pk}).content.decode()
    assert html.count('<svg class="ov-chart"') == 4 and html.count('role="img"') >= 4
    assert "<title id=" in html  # each chart is named
    assert "Week 12" in html and "40.0" in html and "10 %" in html
    assert "Work supervision" in html and "Average 4.5 / 5 from 2 answers." in html
    assert "March 2027 and April 2027" in html


def test_the_overview_takes_the_same_queries_whatever_the_months_hold(client, django_assert_num_queries):
    client.force_login(StaffFactory(is_superuser=True))
    _practitioner, session_type = bookable()
    url = reverse("admin:workspace_overview")
    client.get(url)
    with django_assert_num_queries(13) as empty:
        client.get(url, {"month": "2027-03"})
    for day in range(2, 20):
        BookingFactory(session_type=session_type, start=at(3, day, 10), online=True, now=NOW)
    with django_assert_num_queries(len(empty.captured_queries)):
        client.get(url, {"month": "2027-03"})
