"""Erasing one person harms no one else: an organisation's sessions stay (only its contact person
is blanked, and the erase page says so first); a seat holder's seats still to come go to the next in
line; the practice's own addresses are never erased; admin's history forgets the person's name and,
after the retention time, a closed case's title."""

import datetime as dt
import html
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from bookings.models import Booking
from bookings.personal_data import effects as effects_of
from events.models import SeatBooking, WaitlistEntry
from mediation.actions.case import case_close
from mediation.models import MediationCase
from practice.selectors import profile
from privacy import actions
from privacy.exceptions import OwnAddress
from privacy.tasks import purge_expired
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory
from tests.factories import BookingFactory, StaffFactory, bookable
from tests.mediation.factories import MediationCaseFactory

pytestmark = pytest.mark.django_db
PERSON = "hanna.henkilosto@example.fi"
ORGANISATION = {
    "organisation_name": "Esimerkkikunta",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "invoice_reference": "Tiimi 2",
}


@pytest.fixture
def superuser():
    return StaffFactory(is_superuser=True)


def logged(obj, user, text: str) -> LogEntry:
    """An admin history row naming `obj` as admin writes it."""
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=text,
        action_flag=CHANGE,
        change_message=f"Changed {text}",
    )


def test_an_organisations_session_stays_when_its_contact_person_is_erased(client, superuser):
    _practitioner, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type,
        client_name="Hanna Henkilöstö",
        email=PERSON,
        organisation_details=ORGANISATION,
        online=True,
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:privacy_person"), {"email": PERSON}).content.decode()
    # The page says what erasing does to the session before the address is typed again to confirm.
    effects = [item for item in re.findall(r"<li>(.*?)</li>", page) if "Esimerkkikunta" in item]
    assert effects == [html.escape(str(effects_of([booking])[0]))]
    assert 'name="confirm"' in page

    response = client.post(reverse("admin:privacy_person_erase"), {"email": PERSON, "confirm": PERSON})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.block.active
    assert booking.organisation_name == "Esimerkkikunta"
    assert booking.email != PERSON and "Hanna" not in booking.client_name


def test_a_seat_holders_seats_still_to_come_go_to_the_next_in_line(superuser):
    event = EventFactory(capacity=2)
    seat = SeatBookingFactory(event=event, name="Hanna", email=PERSON, seats=2)
    waiting = WaitlistEntryFactory(event=event, name="Mikko", email="mikko@example.fi")
    assert waiting.status == WaitlistEntry.Status.WAITING

    actions.person_erase(email=PERSON, by_user=superuser)
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == SeatBooking.Status.CANCELLED and seat.email == ""
    assert waiting.status == WaitlistEntry.Status.OFFERED  # served the way any cancellation serves it


@pytest.mark.parametrize("whose", ["practice", "practitioner"])
def test_the_practices_own_addresses_can_not_be_erased(superuser, whose):
    practitioner, session_type = bookable()
    email = profile().email if whose == "practice" else practitioner.email
    BookingFactory(session_type=session_type, client_name="Testi", email=email, online=True)
    with pytest.raises(OwnAddress):
        actions.person_erase(email=email.upper(), by_user=superuser)
    assert Booking.objects.filter(email=email).exists()


def test_admins_history_forgets_the_erased_persons_name(superuser):
    _practitioner, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, client_name="Hanna Henkilöstö", email=PERSON, online=True
    )
    other = BookingFactory(
        session_type=session_type, client_name="Olli Muu", email="olli@example.fi", online=True
    )
    mine, theirs = logged(booking, superuser, "Hanna Henkilöstö"), logged(other, superuser, "Olli Muu")

    actions.person_erase(email=PERSON, by_user=superuser)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert "Hanna" not in mine.object_repr + mine.change_message
    assert mine.object_repr == f"#{booking.pk}" and mine.user_id == superuser.pk
    assert theirs.object_repr == "Olli Muu"


def test_the_retention_purge_scrubs_the_case_title_from_admins_history(superuser, settings, time_machine):
    settings.MEDIATION_RETENTION_DAYS = 30
    case = MediationCaseFactory(title="Riita Virtasen ja Lahtisen välillä")
    other = MediationCaseFactory(title="Toinen tapaus")
    entry, kept = logged(case, superuser, case.title), logged(other, superuser, other.title)
    case_close(case=case, status=MediationCase.Status.WITHDRAWN, outcome="")

    time_machine.move_to(dt.datetime.now(dt.UTC) + dt.timedelta(days=31))
    assert purge_expired()["mediation"] == 1
    entry.refresh_from_db()
    kept.refresh_from_db()
    assert "Virtasen" not in entry.object_repr + entry.change_message
    assert entry.object_repr == f"#{case.pk}"
    assert kept.object_repr == "Toinen tapaus"
