"""Review and booking: everything shown with the cancellation terms, the client's own page with
the token only in the URL, double submission, the race page, request mode, rate limits, prices."""

import re
from decimal import Decimal

import pytest

from bookings.models import Booking, SessionType
from bookings.views.flow import DETAILS_KEY
from tests.bookings.flow import (
    DAY,
    DETAILS,
    SOMEONE,
    START,
    at,
    book_through_pages,
    choice,
    details_form,
    html,
    submission_key,
    url,
)
from tests.factories import BookingFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]


# --- review and booking -------------------------------------------------------------------------


def test_review_shows_everything_and_the_cancellation_terms(client, session_type):
    details_form(client, notes="Haluan puhua jaksamisesta.")
    page = html(client.get(url("bookings:review", **choice(start=START))))
    for text in (
        "Yksilötyönohjaus",
        "ke 3.3.2027 klo 10.00–11.00",
        "Maija Meikäläinen",
        "maija@example.fi",
        "040 123 4567",
        "Haluan puhua jaksamisesta.",
        "95,00 €",
        "24 tuntia",
        "ti 2.3.2027 klo 10.00",
        "ohjaamo@example.fi",
    ):
        assert text in page, text
    assert re.search(r'<input type="hidden" name="submission_key" value="[A-Za-z0-9_-]{43}"', page)
    assert Booking.objects.count() == 0  # GET changes nothing


def test_review_without_details_asks_for_them(client, session_type):
    response = client.get(url("bookings:review", **choice(start=START)))
    assert response["Location"] == url("bookings:details", **choice(start=START))


def test_booking_lands_on_the_clients_own_page_with_the_token_only_in_the_url(client, session_type):
    response = book_through_pages(client)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert re.fullmatch(url("bookings:start") + r"oma-varaus/[A-Za-z0-9_-]{43}/", response["Location"])
    assert booking.start == at(DAY, "10:00") and booking.modality == "online"
    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.client_name, booking.email, booking.phone, booking.language) == (
        "Maija Meikäläinen",
        "maija@example.fi",
        "040 123 4567",
        "fi",
    )
    assert DETAILS_KEY not in client.session  # the typed details do not linger for the next person
    page = html(client.get(response["Location"]))
    assert "maija@example.fi" in page and "ke 3.3.2027 klo 10.00–11.00" in page
    assert "Kiitos" in page  # the confirmation on top of the client's own page
    assert response["Location"].split("/")[-2] not in str(client.session.items())


def test_organisation_details_and_group_size_are_booked(client):
    bookable(slug="ryhma", audience="group", group_min=3, group_max=6, modalities="online")
    group = SessionType.objects.get(slug="ryhma")
    book_through_pages(
        client,
        group,
        group_size="5",
        organisation_pays="on",
        organisation_name="Oy Esimerkki Ab",
        business_id="2617416-4",
        einvoice_address="003726174164",
        einvoice_operator="003721291126",
        invoice_reference="Kustannuspaikka 42",
    )
    booking = Booking.objects.get()
    assert booking.group_size == 5
    assert (
        booking.organisation_name,
        booking.business_id,
        booking.einvoice_operator,
        booking.invoice_reference,
    ) == ("Oy Esimerkki Ab", "2617416-4", "003721291126", "Kustannuspaikka 42")


def test_booking_in_swedish_is_made_in_swedish(client, session_type):
    page = client.get(url("bookings:details", lang="sv", **choice(start=START)))
    started = re.search(r'name="form_started" value="([^"]+)"', html(page))[1]
    client.post(
        url("bookings:details", lang="sv", **choice(start=START)), {**DETAILS, "form_started": started}
    )
    review = client.get(url("bookings:review", lang="sv", **choice(start=START)))
    assert "ons 3.3.2027 kl. 10.00–11.00" in html(review)
    response = client.post(
        url("bookings:review", lang="sv", **choice(start=START)), {"submission_key": submission_key(review)}
    )
    assert response["Location"].startswith(url("bookings:start", lang="sv") + "min-bokning/")
    assert Booking.objects.get().language == "sv"


def test_a_double_submission_books_once(client, session_type):
    details_form(client)
    review = client.get(url("bookings:review", **choice(start=START)))
    key = submission_key(review)
    first = client.post(url("bookings:review", **choice(start=START)), {"submission_key": key})
    second = client.post(url("bookings:review", **choice(start=START)), {"submission_key": key})
    assert Booking.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert "oma-varaus" in second["Location"]
    assert client.get(second["Location"]).status_code == 200


def test_a_tampered_submission_key_books_nothing(client, session_type):
    details_form(client)
    for key in ("", "short", "x" * 100, "<script>alert(1)</script>" * 2):
        response = client.post(url("bookings:review", **choice(start=START)), {"submission_key": key})
        assert response["Location"] == url("bookings:review", **choice(start=START))
    assert Booking.objects.count() == 0


def test_the_loser_of_a_race_gets_the_nearest_free_times_and_keeps_the_details(client, session_type):
    details_form(client)
    review = client.get(url("bookings:review", **choice(start=START)))
    BookingFactory(session_type=session_type, start=at(DAY, "10:00"), client=SOMEONE, online=True)
    response = client.post(
        url("bookings:review", **choice(start=START)), {"submission_key": submission_key(review)}
    )
    assert response["Location"] == url("bookings:taken", **choice(start=START))
    page = html(client.get(response["Location"])).replace("&amp;", "&")
    assert "ke 3.3.2027 klo 10.00–11.00" in page  # the time that was lost …
    for hhmm in ("09:00", "11:00", "08:00"):  # … and the nearest ones, one click from the review
        assert f'href="{url("bookings:review", **choice(start=f"{DAY}T{hhmm}"))}"' in page
    again = client.get(url("bookings:review", **choice(start=f"{DAY}T11:00")))
    assert "Maija Meikäläinen" in html(again)
    client.post(
        url("bookings:review", **choice(start=f"{DAY}T11:00")), {"submission_key": submission_key(again)}
    )
    assert Booking.objects.filter(email="maija@example.fi", start=at(DAY, "11:00")).exists()


def test_request_mode_ends_in_request_sent(client):
    bookable(slug="pyynto", booking_mode="request", modalities="online")
    request_type = SessionType.objects.get(slug="pyynto")
    details_form(client, request_type)
    review = html(client.get(url("bookings:review", **choice(request_type, start=START))))
    assert "Lähetä pyyntö" in review
    response = book_through_pages(client, request_type)
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.REQUESTED
    page = html(client.get(response["Location"]))
    assert "Pyyntö lähetetty" in page and "Pyyntösi on lähetetty" in page


def test_the_booking_posts_are_rate_limited(client, session_type, settings):
    settings.RATELIMIT_BOOKING_FORMS = "3/h"
    for _ in range(3):
        assert details_form(client, email="bad").status_code == 200
    response = details_form(client)
    assert response.status_code == 429 and response["Retry-After"]


def test_prices_are_shown_as_booked_with_vat(client, session_type):
    SessionType.objects.filter(pk=session_type.pk).update(price=Decimal("120.50"), vat_rate=Decimal("14"))
    details_form(client)
    assert "120,50 € (sis. alv 14 %)" in html(client.get(url("bookings:review", **choice(start=START))))
