"""The check-in after a session: the link in the email opens a short form; answers are kept once."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from bookings.models import Feedback
from notifications.actions import messages_send_due
from privacy.links import link_create
from tests.factories import BookingFactory, bookable
from tests.notifications.conftest import helsinki, translated

pytestmark = pytest.mark.django_db

START = helsinki(2027, 3, 3, 10)


@pytest.fixture
def checkin_url(clock, settings):
    """The check-in link as the client gets it: a booking, its session over, the email sent."""
    settings.SITE_URL = "http://testserver"
    _, session_type = bookable()
    BookingFactory(session_type=session_type, start=START, online=True)
    messages_send_due()  # the confirmation
    mail.outbox.clear()
    clock.move_to(START + dt.timedelta(hours=3))
    messages_send_due()
    (email,) = [m for m in mail.outbox if m.to == ["maija@example.fi"]]
    with translation.override("fi"):
        path = reverse("bookings:checkin", kwargs={"token": "TOKEN"}).replace("TOKEN", r"\S+")
    return re.search(f"http://testserver({path})", email.body)[1]


def test_the_link_opens_the_form_with_the_session_named(client, checkin_url):
    response = client.get(checkin_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Yksilötyönohjaus" in page and "3.3.2027" in page
    assert 'name="rating"' in page and 'name="helped"' in page and 'name="wants_next"' in page
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert '<meta name="robots" content="noindex">' in page


def test_an_answer_is_stored_and_the_client_is_offered_the_next_booking(client, checkin_url):
    response = client.post(
        checkin_url, {"rating": "4", "helped": "Kuunteleminen.", "change": "", "wants_next": "on"}
    )
    assert response.status_code == 302 and response.url == checkin_url
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.helped, feedback.change, feedback.wants_next) == (
        4,
        "Kuunteleminen.",
        "",
        True,
    )
    page = client.get(checkin_url).content.decode()
    assert f'href="{reverse("bookings:start")}"' in page


def test_a_second_answer_does_not_overwrite_the_first(client, checkin_url):
    client.post(checkin_url, {"rating": "5"})
    response = client.post(checkin_url, {"rating": "1", "change": "Kaikki."})
    assert response.status_code == 200
    assert list(Feedback.objects.values_list("rating", "change")) == [(5, "")]


@pytest.mark.parametrize("rating", ["", "0", "6", "abc"])
def test_a_missing_or_impossible_rating_is_refused_at_the_field_and_nothing_typed_is_lost(
    client, checkin_url, rating
):
    response = client.post(checkin_url, {"rating": rating, "helped": "Rauhallinen tila."})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    message = translated("Choose a rating from 1 to 5.", "fi")
    assert page.count(message) == 2, "in the summary and at the field"
    assert "Rauhallinen tila." in page
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["x" * 43, "", "a" * 200, "%00", "../../admin"],
)
def test_a_tampered_link_is_a_plain_404(client, checkin_url, token):
    url = checkin_url.rsplit("/", 2)[0] + f"/{token}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"rating": "5"}).status_code == 404
    assert not Feedback.objects.exists()


def test_an_expired_link_and_a_link_of_another_purpose_are_404(client, checkin_url, clock):
    from bookings.models import Booking

    booking = Booking.objects.get()
    manage_token = link_create(
        purpose="booking", target=booking, expires_at=booking.end + dt.timedelta(days=60)
    )
    assert client.get(reverse("bookings:checkin", kwargs={"token": manage_token})).status_code == 404
    with time_machine.travel(START + dt.timedelta(days=31), tick=False):
        assert client.get(checkin_url).status_code == 404


def test_the_page_speaks_the_language_of_its_address(client, clock, settings):
    settings.SITE_URL = "http://testserver"
    _, session_type = bookable()
    BookingFactory(session_type=session_type, start=START, language="sv", online=True)
    clock.move_to(START + dt.timedelta(hours=3))
    messages_send_due()
    with translation.override("sv"):
        path = reverse("bookings:checkin", kwargs={"token": "TOKEN"}).replace("TOKEN", r"\S+")
    (url,) = [m[1] for e in mail.outbox if (m := re.search(f"http://testserver({path})", e.body))]
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


def test_the_form_page_takes_a_fixed_number_of_queries(client, checkin_url, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(checkin_url)


def test_answers_are_rate_limited_per_address(client, checkin_url, settings):
    settings.RATELIMIT_BOOKING_FORMS = "2/h"
    for _attempt in range(2):
        assert client.post(checkin_url, {"rating": ""}).status_code == 200
    assert client.post(checkin_url, {"rating": "5"}).status_code == 429
    assert not Feedback.objects.exists()
