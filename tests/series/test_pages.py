"""The series pages: plan and check (GET, nothing written), take the nearest free times, the
organisation's details (Y-tunnus checked, an organisation always pays), booking all sessions, the
series page (used and left, calendar files, move and cancel) and the agreement page."""

import datetime as dt
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse as django_reverse
from django.utils import translation

from bookings.models import Booking
from core.time import HELSINKI
from series.models import Series, SupervisionAgreement
from tests.factories import BookingFactory
from tests.series.factories import SeriesFactory, group_supervision

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def setup(settings):
    settings.SPAM_MIN_FILL_SECONDS = (
        -1
    )  # the stamp is rounded to 0.1 s: with 0 a quick post can be "too fast"
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def group():
    return group_supervision(slug="ryhmatyonohjaus", modalities="in_person")


def reverse(name, args=None) -> str:
    with translation.override("en"):
        return django_reverse(name, args=args)


def plan_query(**fields) -> str:
    values = {"type": "ryhmatyonohjaus", "modality": "in_person", "first": "2027-03-12", "time": "14:00",
              "cadence": "2w", "count": "4"}  # fmt: skip
    return urlencode({**values, **fields})


def stamp(html: str) -> str:
    marker = 'name="form_started" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


DETAILS = {
    "name": "Hanna Koskinen",
    "email": "hanna@example.fi",
    "phone": "040 765 4321",
    "group_size": "5",
    "organisation_name": "Esimerkkikunta",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "goals": "Yhteinen suunta",
    "trial_sessions": "1",
    "accept": "on",
}


def test_the_plan_page_checks_every_time_and_offers_the_nearest_free_ones(
    client, group, django_assert_max_num_queries
):
    assert client.get(reverse("series:series_plan")).status_code == 200
    url = reverse("series:series_plan") + "?" + plan_query()
    with django_assert_max_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 of the times is not free" in html and "a public holiday" in html  # Good Friday 26.3.
    assert "Use the nearest free times" in html and "Continue to your details" not in html
    link = next(part for part in html.split('href="') if "Use the nearest" in part)
    taken = link.split('"')[0].replace("&amp;", "&")
    again = client.get(taken).content.decode()
    assert "All 4 times are free." in again and "Continue to your details" in again
    assert not Booking.objects.exists()


def test_bad_plans_stay_on_the_page_with_errors(client, group):
    url = reverse("series:series_plan")
    for bad in (
        {"first": "2027-02-01"},
        {"time": "25:00"},
        {"count": "1"},
        {"cadence": "dates", "dates": "ei päivä"},
        {"modality": "online"},
        {"type": "ei-ole"},
        {"first": "9999-12-01", "cadence": "4w"},
        {"cadence": "dates", "dates": "31.12.9999"},
        {"cadence": "dates", "dates": "1.3.2027"},
    ):
        response = client.get(url + "?" + plan_query(**bad))
        assert response.status_code == 200 and 'class="error-summary"' in response.content.decode(), bad


def test_the_details_book_the_whole_series_and_lead_to_its_page(client, group):
    query = plan_query(first="2027-03-16", time="10:00")
    url = reverse("series:series_details") + "?" + query
    page = client.get(url).content.decode()
    assert "Book all 4 sessions" in page and "A session cancelled later is charged in full." in page
    response = client.post(url, {**DETAILS, "business_id": "1234567-8", "form_started": stamp(page)})
    html = response.content.decode()
    assert response.status_code == 200 and "not a valid business ID" in html and not Series.objects.exists()
    response = client.post(url, {**DETAILS, "form_started": stamp(html)})
    assert response.status_code == 302
    series = Series.objects.get()
    assert series.sessions.count() == 4 and series.agreement.business_id == "0201256-6"
    assert series.agreement.trial_sessions == 1 and series.agreement.group_size == 5
    page = client.get(response["Location"]).content.decode()
    assert "Your supervision series" in page and "Used 0, left 4 (of 4)." in page
    assert "Mid-point evaluation" in page and "Final evaluation" in page and "Trial session" in page


def test_a_group_size_outside_the_types_limits_is_refused(client, group):
    url = reverse("series:series_details") + "?" + plan_query(first="2027-03-16", time="10:00")
    page = client.get(url).content.decode()
    response = client.post(url, {**DETAILS, "group_size": "9", "form_started": stamp(page)})
    assert "The group is from 3 to 6 people." in response.content.decode() and not Series.objects.exists()


def test_a_plan_taken_meanwhile_sends_the_organisation_back_to_the_times(client, group):
    url = reverse("series:series_details") + "?" + plan_query(first="2027-03-16", time="10:00")
    page = client.get(url).content.decode()
    BookingFactory(
        session_type=group,
        start=dt.datetime(2027, 3, 30, 10, tzinfo=HELSINKI),
        client_name="Toinen",
        email="t@example.fi",
    )
    response = client.post(url, {**DETAILS, "form_started": stamp(page)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("series:series_plan"))
    assert not Series.objects.exists()


@pytest.fixture
def series(group):
    """Four sessions every two weeks from Tuesday 16 March, booked by an organisation's contact."""
    return SeriesFactory(
        session_type=group,
        first_day=dt.date(2027, 3, 16),
        modality="in_person",
        client_name="Hanna",
        language="en",
        group_size=4,
        organisation_details={"organisation_name": "Kunta", "business_id": "0201256-6"},
    )


def test_the_series_page_in_a_fixed_number_of_queries(client, series, django_assert_max_num_queries):
    token = series.token
    with django_assert_max_num_queries(6):
        response = client.get(reverse("series:series", args=[token]))
    assert response.status_code == 200
    calendar = client.get(reverse("series:series_calendar", args=[token]))
    assert calendar.content.count(b"BEGIN:VEVENT") == 4
    one = client.get(reverse("series:series_session_ics", args=[token, 2]))
    assert one.content.count(b"BEGIN:VEVENT") == 1
    assert client.get(reverse("series:series_session_ics", args=[token, 9])).status_code == 404


def test_moving_all_later_sessions_from_the_session_page(client, series):
    token = series.token
    url = reverse("series:series_session", args=[token, 2])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"number": "2", "date": "2027-03-31", "time": "13:00", "rest": "on", "move": "1"}
    )
    assert response.status_code == 302
    starts = [
        s.booking.start.astimezone(HELSINKI)
        for s in series.sessions.select_related("booking").order_by("number")
    ]
    assert [(s.day, s.month, s.hour) for s in starts] == [(16, 3, 10), (31, 3, 13), (14, 4, 13), (28, 4, 13)]


def test_a_move_far_away_is_an_error_at_the_field(client, series):
    token = series.token
    url = reverse("series:series_session", args=[token, 2])
    response = client.post(url, {"number": "2", "date": "9999-12-31", "time": "10:00", "move": "1"})
    assert response.status_code == 200 and "further ahead than we take bookings" in response.content.decode()


def test_a_move_onto_a_holiday_shows_the_conflict_and_moves_nothing(client, series):
    token = series.token
    url = reverse("series:series_session", args=[token, 3])
    response = client.post(
        url, {"number": "3", "date": "2027-05-06", "time": "10:00", "move": "1"}
    )  # Ascension
    html = response.content.decode()
    assert response.status_code == 200 and "a public holiday" in html
    assert series.sessions.get(number=3).booking.start.astimezone(HELSINKI).day == 13


def test_cancelling_the_rest_needs_the_box_ticked(client, series):
    token = series.token
    url = reverse("series:series_cancel_rest", args=[token])
    client.post(url, {})
    assert not series.sessions.filter(booking__status="cancelled").exists()
    client.post(url, {"confirm": "1"})
    assert series.sessions.filter(booking__status="cancelled").count() == 4


def test_the_agreement_page_is_printable_and_the_contact_confirms_it(client, series):
    token = series.token
    url = reverse("series:series_agreement", args=[token])
    html = client.get(url).content.decode()
    assert "Supervision agreement" in html and "Kunta (0201256-6)" in html and "4 × 90 min" in html
    response = client.post(url, {"confirmed_by": "Hanna Koskinen"})
    assert "Please check the following" in response.content.decode()
    response = client.post(url, {"confirmed_by": "Hanna Koskinen", "confirm": "on"})
    assert response.status_code == 302
    agreement = SupervisionAgreement.objects.get()
    assert agreement.status == "confirmed" and agreement.confirmed_by == "Hanna Koskinen"
    assert "Confirmed by Hanna Koskinen" in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["series", "series_calendar", "series_agreement", "agreement"])
def test_a_wrong_token_is_a_plain_404(client, name):
    assert client.get(reverse(f"series:{name}", args=["nope"])).status_code == 404
