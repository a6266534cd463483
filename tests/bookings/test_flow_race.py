"""A double-clicked "confirm" on PostgreSQL: two requests with the same review form at the same
moment book once, and both land on the client's page. The control: the same race with two
different forms (two keys) ends with one booking and one race-loser page, so the test can fail."""

import pytest
from django.test import Client as HttpClient

from bookings.models import Booking
from tests.bookings.flow import START, choice, details_form, submission_key, url
from tests.support.races import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("flow_clock"),
]


def confirm_at_once(client, keys: list[str]) -> list[str]:
    """POSTs the review form once per key, all at the same moment; returns where each one went."""

    twins = [HttpClient() for _key in keys]
    for twin in twins:
        twin.cookies = client.cookies  # the same visitor, the same session

    def post(i: int) -> str:
        response = twins[i].post(url("bookings:review", **choice(start=START)), {"submission_key": keys[i]})
        return response["Location"]

    return race(len(keys), post, reraise=True)


def review_key(client) -> str:
    return submission_key(client.get(url("bookings:review", **choice(start=START))))


def test_the_same_form_sent_twice_at_once_books_once(client, session_type):
    details_form(client)
    key = review_key(client)
    locations = confirm_at_once(client, [key, key, key])
    assert Booking.objects.count() == 1
    assert all("/oma-varaus/" in location for location in locations), locations


def test_control_two_different_forms_at_once_give_one_booking_and_one_race_page(client, session_type):
    details_form(client)
    locations = confirm_at_once(client, [review_key(client), review_key(client)])
    assert Booking.objects.count() == 1
    assert sorted("/oma-varaus/" in location for location in locations) == [False, True], locations
    assert any(location.startswith(url("bookings:taken")) for location in locations)
