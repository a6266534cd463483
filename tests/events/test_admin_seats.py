"""Cancelling seats in admin goes through a confirmation page: GET says what will happen (the seat
freed, offered to whom on the waitlist, the holder told) and changes nothing; only the POST from
that page cancels."""

import pytest
from django.urls import reverse

from events.models import SeatBooking, WaitlistEntry
from notifications.models import Message
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event_with_a_line():
    event = EventFactory(capacity=2, seats_taken=1)
    seat = SeatBookingFactory(event=event, name="Liisa Laine", email="liisa@example.fi")
    waiting = WaitlistEntryFactory(event=event, name="Mikko Mäki")
    return seat, waiting


def test_the_seats_cancel_link_shows_what_happens_and_changes_nothing(admin_client, full_event_with_a_line):
    seat, waiting = full_event_with_a_line
    change = admin_client.get(reverse("admin:events_seatbooking_change", args=[seat.pk])).content.decode()
    url = reverse("admin:events_seatbooking_cancel", args=[seat.pk])
    assert f'href="{url}"' in change
    page = admin_client.get(url).content.decode()
    assert "Liisa Laine" in page and "Mikko Mäki" in page and "liisa@example.fi" in page
    assert "Kyllä, peru nämä paikat" in page
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == SeatBooking.Status.CONFIRMED and waiting.status == WaitlistEntry.Status.WAITING


def test_the_post_from_the_page_cancels_tells_the_holder_and_offers_the_seat(
    admin_client, full_event_with_a_line
):
    seat, waiting = full_event_with_a_line
    response = admin_client.post(reverse("admin:events_seatbooking_cancel", args=[seat.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:events_event_change", args=[seat.event_id])
    assert "Mikko Mäki" in response.content.decode()
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == SeatBooking.Status.CANCELLED and waiting.status == WaitlistEntry.Status.OFFERED
    assert Message.objects.filter(kind="seat_cancelled", target_id=seat.pk).exists()
    assert Message.objects.filter(kind="waitlist_offer", target_id=waiting.pk).exists()


def test_a_cancelled_seat_or_a_tampered_number_cancels_nothing(admin_client):
    seat = SeatBookingFactory(cancelled=True)
    url = reverse("admin:events_seatbooking_cancel", args=[seat.pk])
    assert "Kyllä, peru nämä paikat" not in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 200
    assert (
        admin_client.get(reverse("admin:events_seatbooking_cancel", args=[seat.pk + 1000])).status_code == 404
    )


def test_the_list_action_asks_first_and_cancels_only_from_the_page(admin_client, full_event_with_a_line):
    seat, _waiting = full_event_with_a_line
    changelist = reverse("admin:events_seatbooking_changelist")
    asked = admin_client.post(changelist, {"action": "cancel_seats", "_selected_action": [seat.pk]})
    assert "Mikko Mäki" in asked.content.decode()
    seat.refresh_from_db()
    assert seat.status == SeatBooking.Status.CONFIRMED
    admin_client.post(
        changelist, {"action": "cancel_seats", "_selected_action": [seat.pk], "confirmed": "yes"}
    )
    seat.refresh_from_db()
    assert seat.status == SeatBooking.Status.CANCELLED
