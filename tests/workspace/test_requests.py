"""Requests waiting, booking on a client's behalf, and the weekly hours grid in admin."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from bookings import selectors
from bookings.models import Booking, DateException, WeeklyHours
from core.time import HELSINKI
from notifications.models import Message
from services.models import ServiceRequest
from tests.factories import BookingFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(2027, 3, 22, 6, 0, tzinfo=dt.UTC)  # Monday 8.00 in Helsinki


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


def messages_of(booking, kind):
    return Message.objects.filter(
        kind=kind, target_type=ContentType.objects.get_for_model(Booking), target_id=booking.pk
    ).count()


@pytest.fixture
def request_booking():
    """A team's request for group supervision, waiting for the practitioner."""
    _practitioner, session_type = bookable(booking_mode="request", audience="group", group_min=3, group_max=6)
    return BookingFactory(
        session_type=session_type,
        start=at(24, 13),
        requested=True,
        client_name="Ryhmän Vetäjä",
        email="vetaja@example.fi",
        group_size=4,
        notes="Tiimin työnohjaus",
        now=NOW,
    )


def service_request():
    return ServiceRequest.objects.create(
        kind="talks",
        organisation_name="Esimerkki Oy",
        business_id="0201256-6",
        contact_name="Henna HR",
        email="henna@example.fi",
        preferred_dates=["2027-04-15", "2027-04-20"],
        topic="Palautuminen",
        submission_key="k" * 32,
    )


def test_requests_waiting_lists_booking_requests_and_request_forms_together(admin_client, request_booking):
    booking = request_booking
    form = service_request()
    html = admin_client.get(reverse("admin:workspace_requests"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ryhmän Vetäjä" in html and "Tiimin työnohjaus" in html
    assert "Esimerkki Oy" in html and "Palautuminen" in html and "Thu 15 Apr 2027" in html
    assert f'value="booking:{booking.pk}"' in html and f'value="request:{form.pk}"' in html


def test_confirming_a_request_tells_the_client_with_exactly_one_message(admin_client, request_booking):
    booking = request_booking
    response = admin_client.post(
        reverse("admin:workspace_requests"), {"item": f"booking:{booking.pk}", "decision": "confirm"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.block.kind == "booking"
    assert messages_of(booking, "booking_confirmed") == 1
    assert messages_of(booking, "booking_declined") == 0
    # A second click changes nothing and sends nothing more.
    admin_client.post(
        reverse("admin:workspace_requests"), {"item": f"booking:{booking.pk}", "decision": "confirm"}
    )
    assert messages_of(booking, "booking_confirmed") == 1


def test_declining_a_request_frees_the_time_and_tells_the_client_why_once(admin_client, request_booking):
    booking = request_booking
    admin_client.post(
        reverse("admin:workspace_requests"),
        {"item": f"booking:{booking.pk}", "decision": "decline", "reason": "Olen silloin koulutuksessa."},
    )
    booking.refresh_from_db()
    assert (
        booking.status == Booking.Status.DECLINED and booking.decline_reason == "Olen silloin koulutuksessa."
    )
    assert not booking.block.active
    assert messages_of(booking, "booking_declined") == 1 and messages_of(booking, "booking_confirmed") == 0
    assert (
        f"booking:{booking.pk}" not in admin_client.get(reverse("admin:workspace_requests")).content.decode()
    )


def test_a_request_form_is_declined_through_the_services_action_and_the_organisation_told(admin_client):
    form = service_request()
    admin_client.post(
        reverse("admin:workspace_requests"),
        {"item": f"request:{form.pk}", "decision": "decline", "reason": "Ei vapaita päiviä huhtikuussa."},
    )
    form.refresh_from_db()
    assert form.status == ServiceRequest.Status.DECLINED
    assert Message.objects.filter(kind="services.request_declined", target_id=form.pk).count() == 1
    assert f"request:{form.pk}" not in admin_client.get(reverse("admin:workspace_requests")).content.decode()


def test_a_tampered_decision_is_refused_without_an_error_page(admin_client):
    for data in ({"item": "booking:x", "decision": "confirm"}, {"item": "booking:1", "decision": "burn"}, {}):
        assert admin_client.post(reverse("admin:workspace_requests"), data).status_code == 302
    assert (
        admin_client.post(
            reverse("admin:workspace_requests"), {"item": "booking:999", "decision": "confirm"}
        ).status_code
        == 404
    )


def book_data(session_type, start, **extra):
    return {
        "session_type": session_type.pk,
        "modality": "online",
        "day": "2027-03-22",
        "start": start.isoformat(),
        "language": "sv",
        "submission_key": "s" * 24,
        "name": "Johan Lindqvist",
        "email": "johan@example.fi",
        "phone": "040 1234567",
        **extra,
    }


def test_booking_on_a_clients_behalf_uses_free_times_and_sends_the_same_confirmation(admin_client):
    _practitioner, session_type = bookable(min_notice_hours=24)
    url = reverse("admin:workspace_book")
    html = admin_client.get(
        url, {"session_type": session_type.pk, "modality": "online", "day": "2027-03-22"}
    ).content.decode()
    assert "No free times on this day" in html  # all of today is within the 24 h notice
    html = admin_client.get(
        url,
        {"session_type": session_type.pk, "modality": "online", "day": "2027-03-22", "ignore_notice": "on"},
    ).content.decode()
    start = at(22, 15)
    assert f'value="{start.isoformat()}"' in html

    response = admin_client.post(url, book_data(session_type, start, ignore_notice="on"))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "admin:bookings_booking_change", args=[booking.pk]
    )
    assert booking.created_by is not None and booking.language == "sv" and booking.status == "confirmed"
    assert messages_of(booking, "booking_confirmed") == 1
    assert booking.changes.get().by_user == booking.created_by
    # Submitting the same page again books nothing more.
    admin_client.post(url, book_data(session_type, start, ignore_notice="on"))
    assert Booking.objects.count() == 1


def test_without_the_override_the_minimum_notice_holds(admin_client):
    _practitioner, session_type = bookable(min_notice_hours=24)
    response = admin_client.post(reverse("admin:workspace_book"), book_data(session_type, at(22, 15)))
    assert response.status_code == 400 and not Booking.objects.exists()


def test_booking_on_behalf_is_refused_on_a_taken_time_and_offers_the_others(admin_client):
    _practitioner, session_type = bookable()
    start = at(23, 10)
    page = admin_client.get(
        reverse("admin:workspace_book"),
        {"session_type": session_type.pk, "modality": "online", "day": "2027-03-23"},
    ).content.decode()
    assert f'value="{start.isoformat()}"' in page
    # Someone books the time online while the practitioner is on the phone.
    BookingFactory(
        session_type=session_type, start=start, online=True, client_name="Nopea", email="n@example.fi"
    )
    response = admin_client.post(
        reverse("admin:workspace_book"),
        book_data(session_type, start, day="2027-03-23"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and "Johan Lindqvist" in html  # nothing typed is lost
    assert f'value="{start.isoformat()}"' not in html and f'value="{at(23, 11).isoformat()}"' in html
    assert Booking.objects.count() == 1


def test_a_request_mode_type_booked_on_behalf_is_confirmed_with_one_message(admin_client):
    _p, session_type = bookable(booking_mode="request", audience="group", group_min=2, group_max=8)
    start = at(23, 12)
    admin_client.post(
        reverse("admin:workspace_book"), book_data(session_type, start, day="2027-03-23", group_size=5)
    )
    booking = Booking.objects.get()
    assert booking.status == "confirmed" and booking.group_size == 5
    pending = set(
        Message.objects.filter(target_id=booking.pk, status="pending").values_list("kind", flat=True)
    )
    assert "booking_confirmed" in pending and "booking_requested" not in pending


def test_the_hours_grid_shows_the_week_and_replaces_it_on_save(admin_client):
    practitioner, session_type = bookable()
    url = reverse("admin:workspace_hours_grid", args=[practitioner.pk])
    html = admin_client.get(url).content.decode()
    assert html.count('value="08:00"') == 7 and html.count('value="18:00"') == 7
    data = {
        "exceptions-TOTAL_FORMS": "2",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    for weekday in range(5):
        data |= {
            f"d{weekday}_0_start": "09:00",
            f"d{weekday}_0_end": "12:00",
            f"d{weekday}_0_in_person": "on",
        }
        data |= {f"d{weekday}_1_start": "13:00", f"d{weekday}_1_end": "16:00", f"d{weekday}_1_online": "on"}
    data |= {
        "exceptions-0-date": "2027-03-26",
        "exceptions-0-kind": "open",
        "exceptions-0-start_time": "10:00",
        "exceptions-0-end_time": "12:00",
        "exceptions-0-in_person": "on",
        "exceptions-0-online": "on",
    }
    data |= {
        "exceptions-1-in_person": "on",
        "exceptions-1-online": "on",
    }  # the empty row, as a browser sends it
    response = admin_client.post(url, data)
    assert response.status_code == 302, (
        response.context["grid"].errors,
        response.context["exceptions"].errors,
    )
    assert WeeklyHours.objects.filter(practitioner=practitioner).count() == 10
    assert not WeeklyHours.objects.filter(weekday__gte=5).exists()
    assert set(WeeklyHours.objects.filter(weekday=0).values_list("start_time", "in_person", "online")) == {
        (dt.time(9), True, False),
        (dt.time(13), False, True),
    }
    exception = DateException.objects.get()
    assert exception.practitioner == practitioner and exception.kind == "open"
    # Good Friday is open 10–12 by the exception; the slots follow at once.
    good_friday = selectors.free_slots(session_type, dt.date(2027, 3, 26), dt.date(2027, 3, 26))
    assert [s.start for s in good_friday] == [at(26, 10), at(26, 11)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"d0_0_start": "12:00", "d0_0_end": "09:00", "d0_0_online": "on"},
            "The end must be after the start.",
        ),
        ({"d0_0_start": "09:00", "d0_0_online": "on"}, "Give both the start and the end, or neither."),
        ({"d0_0_start": "09:00", "d0_0_end": "12:00"}, "Tick in person, online or both."),
        (
            {
                "d0_0_start": "09:00",
                "d0_0_end": "12:00",
                "d0_0_online": "on",
                "d0_1_start": "11:00",
                "d0_1_end": "13:00",
                "d0_1_online": "on",
            },
            "This overlaps another range of the same day.",
        ),
        ({"d0_0_start": "9 aamulla", "d0_0_end": "12:00", "d0_0_online": "on"}, "Enter a valid time."),
    ],
)
def test_a_bad_grid_is_refused_at_the_field_and_nothing_is_saved(admin_client, fields, message):
    practitioner, _session_type = bookable()
    url = reverse("admin:workspace_hours_grid", args=[practitioner.pk])
    data = {"exceptions-TOTAL_FORMS": "0", "exceptions-INITIAL_FORMS": "0", **fields}
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and html.count(message) == 2  # at the field and in the summary
    assert WeeklyHours.objects.filter(practitioner=practitioner).count() == 7
