"""The public booking flow: every step, every error, double submission, the race page, request mode."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from bookings.actions.common import Client
from bookings.models import Booking, DateException, Location, SessionType
from bookings.views.flow import DETAILS_KEY, step_url
from core.time import HELSINKI
from tests.factories import BookingFactory, bookable

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
DAY = "2027-03-03"  # a Wednesday, open 8–18
START = f"{DAY}T10:00"
DETAILS = {"name": "Maija Meikäläinen", "email": "maija@example.fi", "phone": "040 123 4567", "notes": ""}
SOMEONE = Client(name="Matti Muukalainen", email="matti@example.fi")


@pytest.fixture(autouse=True)
def clock(settings):
    """A fixed Monday morning; forms may be sent at once; no rate-limit counts from other tests."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session_type():
    """An instant individual hour, in person or online, with a place."""
    practitioner, session_type = bookable(slug="yksilo")
    session_type.location = Location.objects.create(
        practitioner=practitioner, name="Vastaanotto", address="Mannerheimintie 1, Helsinki"
    )
    session_type.save()
    return session_type


def url(name, *args, lang="fi", **params):
    with translation.override(lang):
        return step_url(name, *args, **params)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=HELSINKI).astimezone(dt.UTC)


def choice(session_type=None, **params):
    return {"type": session_type.slug if session_type else "yksilo", "modality": "online", **params}


def html(response) -> str:
    return response.content.decode()


def details_form(client, session_type=None, start=START, **params):
    """Fills in and sends the details step; returns the response."""
    data = {**DETAILS, **params}
    page = client.get(url("bookings:details", **choice(session_type, start=start)))
    started = re.search(r'name="form_started" value="([^"]+)"', html(page))[1]
    return client.post(
        url("bookings:details", **choice(session_type, start=start)), {**data, "form_started": started}
    )


def submission_key(response) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', html(response))[1]


def book_through_pages(client, session_type=None, start=START, **details):
    """Details → review → confirm; returns the response of the confirming POST."""
    assert details_form(client, session_type, start, **details).status_code == 302
    review = client.get(url("bookings:review", **choice(session_type, start=start)))
    assert review.status_code == 200
    return client.post(
        url("bookings:review", **choice(session_type, start=start)),
        {"submission_key": submission_key(review)},
    )


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
