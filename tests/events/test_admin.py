"""Events in admin: scheduling through the calendar guard, the seats and the waitlist of an event,
health self-declarations only for the event's own practitioner (not even superusers)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from bookings.models import CalendarBlock
from events.models import Event, HealthCondition, SeatBooking, health_answers
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory, group_type
from tests.factories import PractitionerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def staff_with_booking_rights(**fields):
    user = StaffFactory(**fields)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["bookings", "events"]))
    return user


def test_health_answers_are_shown_to_the_events_practitioner_only(client):
    own = staff_with_booking_rights()
    practitioner = PractitionerFactory(user=own)
    event = EventFactory(capacity=4, session_type=group_type(practitioner))
    seat = SeatBookingFactory(event=event, health=health_answers(["epilepsy"], ""), consent=True)
    urls = [
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_seatbooking_change", args=[seat.pk]),
    ]
    for user, sees in (
        (own, True),
        (StaffFactory(is_superuser=True), False),
        (staff_with_booking_rights(), False),
    ):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            with translation.override(response["Content-Language"]):
                label = str(HealthCondition.EPILEPSY.label)
            assert (label in response.content.decode()) is sees, (user, url)


def test_an_event_made_in_admin_takes_its_time_through_the_guard(client):
    client.force_login(StaffFactory(is_superuser=True))
    session_type = group_type()
    practitioner = session_type.practitioners.get()
    start = (timezone.now() + dt.timedelta(days=10)).replace(second=0, microsecond=0)
    form = {
        "session_type": session_type.pk,
        "practitioner": practitioner.pk,
        "status": "published",
        "slug": "ilta",
        "title_fi": "Ilta",
        "start_0": start.astimezone(dt.UTC).astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d"),
        "start_1": start.astimezone(timezone.get_current_timezone()).strftime("%H:%M"),
        "end_0": start.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d"),
        "end_1": (start + dt.timedelta(hours=1)).astimezone(timezone.get_current_timezone()).strftime("%H:%M"),
        "modality": "in_person",
        "capacity": "8",
        "max_seats_per_booking": "2",
        "price_per_seat": "25.00",
        "vat_rate": "25.5",
        "asks_health_declaration": "on",
        **{f"{prefix}-{key}": value for prefix in ("seat_bookings", "waitlist") for key, value in (
            ("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))},
    }  # fmt: skip
    response = client.post(reverse("admin:events_event_add"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.block.kind == CalendarBlock.Kind.EVENT and event.registration_deadline == event.start
    response = client.post(reverse("admin:events_event_add"), {**form, "slug": "toinen"})
    with translation.override(response["Content-Language"]):
        overlaps = gettext("This time overlaps bookings or other blocks in the calendar.")
    assert response.status_code == 200 and overlaps in response.content.decode()
    assert Event.objects.count() == 1


def test_the_event_list_in_admin_counts_seats_and_the_waitlist(client, django_assert_max_num_queries):
    client.force_login(StaffFactory(is_superuser=True))
    session_type = group_type()
    for n in range(4):
        WaitlistEntryFactory(event=EventFactory(days=3 + n, capacity=1, session_type=session_type, full=True))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200


def test_cancelling_an_event_from_admin_tells_the_seat_holders(client):
    client.force_login(StaffFactory(is_superuser=True))
    event = EventFactory(capacity=2)
    seat = SeatBookingFactory(event=event)
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "cancel_events", "_selected_action": [event.pk]},
    )
    seat.refresh_from_db()
    assert seat.status == SeatBooking.Status.CANCELLED
