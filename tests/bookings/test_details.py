"""The booking flow's details step: a taken or impossible start, errors at their fields and
summarised with nothing typed lost, business IDs, invoicing details, group sizes, the honeypot."""

import re

import pytest

from bookings.models import Booking, SessionType
from bookings.views.flow import DETAILS_KEY
from tests.bookings.flow import DAY, SOMEONE, START, at, choice, details_form, html, url
from tests.factories import BookingFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]


# --- step 5: details ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        "2027-03-03T10:17",
        "2027-03-03T25:00",
        "2027-02-30T10:00",
        "2027-03-01T09:00",
        "nyt",
        "2027-03-28T03:30",
    ],
)
def test_a_start_that_is_not_a_free_time_goes_back_to_the_times(client, session_type, start):
    response = client.get(url("bookings:details", **choice(start=start)))
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in {url("bookings:month"), url("bookings:times")}
    assert Booking.objects.count() == 0


def test_a_taken_start_says_so_and_shows_that_days_times(client, session_type):
    BookingFactory(session_type=session_type, start=at(DAY, "10:00"), client=SOMEONE, online=True)
    response = client.get(url("bookings:details", **choice(start=START)), follow=True)
    assert response.redirect_chain[-1][0] == url("bookings:times", **choice(date=DAY))
    assert "ei ole enää vapaana" in html(response)


def test_details_errors_are_at_their_fields_and_summarised_and_nothing_typed_is_lost(client, session_type):
    response = details_form(client, name="", email="ei-sahkopostia", phone="soita minulle", notes="Hei!")
    assert response.status_code == 200
    page = html(response)
    assert 'class="error-summary"' in page
    summary = page[
        page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))
    ]
    assert 'href="#id_name"' in summary and 'href="#id_email"' in summary and 'href="#id_phone"' in summary
    assert re.search(r'name="email" value="ei-sahkopostia"[^>]*aria-invalid="true"', page)
    assert 'value="soita minulle"' in page and "Hei!</textarea>" in page
    assert DETAILS_KEY not in client.session


def test_a_business_id_must_have_a_valid_check_digit(client, session_type):
    invoice = {"organisation_pays": "on", "organisation_name": "Oy Esimerkki Ab", "postal_address": "PL 1"}
    page = html(details_form(client, **invoice, business_id="1234567-8"))
    assert "Y-tunnus" in page and 'aria-invalid="true" aria-describedby="id_business_id_helptext' in page
    response = details_form(client, **invoice, business_id="26174164")
    assert response.status_code == 302
    assert client.session[DETAILS_KEY]["business_id"] == "26174164"  # kept as typed …
    review = html(client.get(response["Location"]))
    assert "2617416-4" in review  # … and shown cleaned


@pytest.mark.parametrize(
    ("invoice", "field"),
    [
        ({"organisation_name": "Oy Esimerkki Ab", "business_id": "2617416-4"}, "einvoice_address"),
        ({"business_id": "2617416-4", "postal_address": "PL 1"}, "organisation_name"),
        (
            {"organisation_name": "Oy", "business_id": "2617416-4", "einvoice_address": "003712345678"},
            "einvoice_operator",
        ),
    ],
)
def test_an_organisation_that_pays_gives_its_invoicing_details(client, session_type, invoice, field):
    page = html(details_form(client, organisation_pays="on", **invoice))
    assert f'href="#id_{field}"' in page


def test_invoicing_details_given_without_saying_an_organisation_pays_are_not_dropped(client, session_type):
    page = html(details_form(client, organisation_name="Oy Esimerkki Ab"))
    assert 'href="#id_organisation_pays"' in page and 'value="Oy Esimerkki Ab"' in page


def test_group_size_is_asked_for_groups_within_their_range(client):
    bookable(slug="ryhma", audience="group", group_min=3, group_max=6)
    group = SessionType.objects.get(slug="ryhma")
    for size in ("2", "7", ""):
        assert 'href="#id_group_size"' in html(details_form(client, group, group_size=size))
    assert details_form(client, group, group_size="4").status_code == 302
    assert client.session[DETAILS_KEY]["group_size"] == "4"


def test_individual_sessions_do_not_ask_group_size(client, session_type):
    assert 'name="group_size"' not in html(client.get(url("bookings:details", **choice(start=START))))


def test_the_honeypot_field_is_refused(client, session_type):
    response = details_form(client, website="http://spam.example")
    assert response.status_code == 200 and 'href="#id_website"' in html(response)
    assert DETAILS_KEY not in client.session


def test_details_are_offered_again_when_coming_back(client, session_type):
    details_form(client)
    page = html(client.get(url("bookings:details", **choice(start=f"{DAY}T11:00"))))
    assert 'value="Maija Meikäläinen"' in page and 'value="maija@example.fi"' in page
