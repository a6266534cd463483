"""The public booking flow's first steps: session types, the way of meeting, the month and the
times of a day, each refusing what is unknown, tampered or out of range."""

import datetime as dt
import re

import pytest
import time_machine

from bookings.models import DateException, SessionType
from tests.bookings.flow import (
    DAY,
    SOMEONE,
    START,
    at,
    choice,
    html,
    url,
)
from tests.factories import BookingFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]


# --- step 1: session types ----------------------------------------------------------------------


def test_start_lists_bookable_types_by_service_with_duration_price_and_mode(client, session_type):
    bookable(
        service="talk",
        slug="luento",
        name="Inspiraatioluento",
        booking_mode="request",
        modalities="in_person",
    )
    SessionType.objects.create(service="talk", slug="piilossa", name="Piilotettu", is_active=False)
    assert client.head(url("bookings:start")).status_code == 200
    page = html(client.get(url("bookings:start")))
    assert page.index("Työnohjaus") < page.index("Yksilötyönohjaus") < page.index("Inspiraatioluento")
    assert "Piilotettu" not in page
    assert "95,00 € (sis. alv 25,5 %)" in page
    assert "60 min" in page
    assert "vahvistaa" in page  # the request-mode type says the practitioner confirms
    # A type offered both ways asks how to meet; one offered one way goes straight to the days.
    assert f'href="{url("bookings:modality", type="yksilo")}"' in page.replace("&amp;", "&")
    assert f'href="{url("bookings:month", type="luento", modality="in_person")}"' in page.replace(
        "&amp;", "&"
    )


def test_start_can_show_one_service_and_sends_an_unknown_service_back(client, session_type):
    bookable(service="talk", slug="luento", name="Inspiraatioluento")
    page = html(client.get(url("bookings:start", service="talk")))
    assert "Inspiraatioluento" in page and "Yksilötyönohjaus" not in page
    response = client.get(url("bookings:start", service="<script>"))
    assert response.status_code == 302 and response["Location"] == url("bookings:start")


def test_prices_of_a_business_not_registered_for_vat_carry_the_legal_note(
    client, session_type, practice_profile
):
    practice_profile.vat_registered = False
    practice_profile.save()
    page = html(client.get(url("bookings:start")))
    assert "95,00 €" in page and "alv 25,5" not in page
    assert "Arvonlisäverolain 3 §:n mukaan ei arvonlisäveroa" in page


def test_start_in_swedish_and_english_is_translated(client, session_type):
    assert "Boka en tid" in html(client.get(url("bookings:start", lang="sv")))
    page = html(client.get(url("bookings:start", lang="en")))
    assert "Book a time" in page and "Individual supervision" in page
    assert url("bookings:start", lang="sv").startswith("/sv/")


# --- step 2: the way of meeting -----------------------------------------------------------------


def test_way_of_meeting_is_asked_only_when_there_is_a_choice(client, session_type):
    page = html(client.get(url("bookings:modality", type="yksilo")))
    assert "Mannerheimintie 1" in page  # the place of in-person sessions
    assert url("bookings:month", type="yksilo", modality="online").replace("&", "&amp;") in page
    bookable(slug="video", modalities="online")
    response = client.get(url("bookings:modality", type="video"))
    assert response["Location"] == url("bookings:month", type="video", modality="online")


STEPS = (
    "bookings:modality",
    "bookings:month",
    "bookings:times",
    "bookings:details",
    "bookings:review",
    "bookings:taken",
)


@pytest.mark.parametrize("slug", ["ei-ole", "<script>", "a" * 80, "x'--"])
def test_unknown_or_tampered_session_type_is_not_found(client, session_type, slug):
    for name in STEPS:
        response = client.get(url(name, type=slug, modality="online", date=DAY, start=START))
        assert response.status_code == 404, name


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_step_without_its_query_string_starts_over(client, session_type, lang):
    """The language switcher keeps only the path: the flow starts again in the new language."""
    for name in STEPS:
        response = client.get(url(name, lang=lang))
        assert response.status_code == 302 and response["Location"] == url("bookings:start", lang=lang), name


def test_inactive_session_type_is_not_found(client, session_type):
    SessionType.objects.filter(pk=session_type.pk).update(is_active=False)
    assert client.get(url("bookings:month", **choice())).status_code == 404


@pytest.mark.parametrize("modality", [None, "", "carrier-pigeon"])
def test_missing_or_unknown_way_of_meeting_goes_back_to_that_step(client, session_type, modality):
    for name in ("bookings:month", "bookings:times", "bookings:details", "bookings:review", "bookings:taken"):
        response = client.get(url(name, type="yksilo", modality=modality, date=DAY, start=START))
        assert response.status_code == 302
        assert response["Location"] == url("bookings:modality", type="yksilo")


# --- step 3: the month --------------------------------------------------------------------------


def test_month_links_days_with_free_times_and_shows_the_others_off(client, session_type):
    practitioner = session_type.practitioners.get()
    DateException.objects.create(practitioner=practitioner, date=dt.date(2027, 3, 4), kind="closed")
    response = client.get(url("bookings:month", **choice()))
    page = html(response)
    assert "Maaliskuu 2027" in page
    assert page.count('<th scope="col">') == 7 and "<table" in page
    assert f'href="{url("bookings:times", **choice(date=DAY))}"'.replace("&", "&amp;") in page
    # The closed day and Good Friday (a public holiday) are shown but are not links.
    for closed in ("2027-03-04", "2027-03-26"):
        assert f'date={closed}"' not in page.replace("&amp;", "&")
    assert re.search(r'<td class="off"><span class="num" aria-hidden="true">4</span>', page)
    # Today is marked, there is no month before this one, the next one is a link.
    assert 'aria-current="date"' in page and "(tänään)" in page
    assert "month=2027-02" not in page and "month=2027-04" in page
    # The enhancement gets its texts and URLs from the page, not from inline script.
    assert '<script id="booking-calendar-config" type="application/json">' in page
    assert "<script>" not in page


def test_month_without_free_times_left_opens_on_the_next_month(client, session_type):
    with time_machine.travel(dt.datetime(2027, 3, 31, 16, 0, tzinfo=dt.UTC), tick=False):
        page = html(client.get(url("bookings:month", **choice())))
    assert "Huhtikuu 2027" in page


def test_another_month_can_be_shown(client, session_type):
    page = html(client.get(url("bookings:month", **choice(month="2027-04"))))
    assert "Huhtikuu 2027" in page and "month=2027-03" in page


@pytest.mark.parametrize("month", ["2027-13", "2027-3", "abc", "2026-12", "2031-01", "9999-99", "2027-00"])
def test_impossible_or_out_of_range_months_go_back_to_the_month_step(client, session_type, month):
    response = client.get(url("bookings:month", **choice(month=month)))
    assert response.status_code == 302 and response["Location"] == url("bookings:month", **choice())


# --- step 4: the times of a day -----------------------------------------------------------------


def test_times_of_a_day_link_to_the_details_and_leave_out_taken_times(client, session_type):
    BookingFactory(session_type=session_type, start=at(DAY, "12:00"), client=SOMEONE, online=True)
    page = html(client.get(url("bookings:times", **choice(date=DAY)))).replace("&amp;", "&")
    assert "ke 3.3.2027" in page
    assert f'href="{url("bookings:details", **choice(start=START))}"' in page
    assert "start=2027-03-03T12:00" not in page
    assert page.count('class="time"') == 9  # 8.00 … 17.00 but 12.00


@pytest.mark.parametrize("day", ["2027-02-30", "2027-02-28", "2031-01-01", "huomenna", "2027-3-3", ""])
def test_impossible_past_or_far_dates_go_back_to_the_month(client, session_type, day):
    response = client.get(url("bookings:times", **choice(date=day)))
    assert response.status_code == 302 and response["Location"] == url("bookings:month", **choice())
