"""The practitioner's private calendar feed: /calendar/feed/<token>.ics."""

import datetime as dt
import io
import re

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from bookings.actions.booking import booking_decline
from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.ics import booking_ics, booking_uid
from bookings.models import Booking, CalendarBlock, SessionType
from calendar_sync.actions import calendar_feed_regenerate
from calendar_sync.feed import feed_url
from core.time import HELSINKI
from events.actions.event import event_cancel
from mediation.actions.scheduling import meeting_book, meeting_cancel, meeting_create, meeting_propose_times
from mediation.models import Meeting
from privacy.links import link_create
from tests.calendar_sync.conftest import sign_in
from tests.events.factories import EventFactory, SeatBookingFactory
from tests.factories import BookingFactory, LocationFactory, SessionTypeFactory, bookable
from tests.mediation.factories import MediationCaseFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 24, 8, 0, tzinfo=dt.UTC)


def at(day: int, hour: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, tzinfo=HELSINKI)  # 26–29 March 2027 is Easter: closed


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def practice():
    """A practitioner (English, for readable assertions) with one of each kind of calendar item."""
    practitioner, session_type = bookable()
    practitioner.language = "en"
    practitioner.save()
    session_type.location = LocationFactory(
        practitioner=practitioner, name="Vastaanotto", address="Kalevankatu 1"
    )
    session_type.save()
    request_type = SessionTypeFactory(
        practitioners=[practitioner], booking_mode=SessionType.BookingMode.REQUEST
    )
    group_type = SessionTypeFactory(
        practitioners=[practitioner], audience="group", group_max=10, name="Sointurentoutus"
    )

    live = [
        BookingFactory(session_type=session_type, start=at(25, 10), client_name="Maija Virtanen"),
        BookingFactory(
            session_type=session_type, start=at(25, 12), client_name="Johan Lindqvist", online=True
        ),
        BookingFactory(
            session_type=request_type, start=at(30, 10), client_name="Emma Korhonen", requested=True
        ),
    ]
    BookingFactory(session_type=session_type, start=at(30, 12), client_name="Peruttu Asiakas", cancelled=True)
    declined = BookingFactory(
        session_type=request_type, start=at(31, 10), client_name="Hylatty Pyynto", requested=True
    )
    booking_decline(booking=declined, by_user=practitioner.user)
    case = MediationCaseFactory(mediator=practitioner)

    def meeting_at(start, minutes):
        meeting = meeting_create(case=case, kind=Meeting.Kind.JOINT, parties=[], duration_minutes=minutes)
        [proposal] = meeting_propose_times(meeting=meeting, starts=[start])
        return meeting_book(meeting=meeting, proposal=proposal)

    meeting = meeting_at(at(1, 9, 4), 360)
    meeting_cancel(meeting=meeting_at(at(2, 9, 4), 120))
    event = EventFactory(
        session_type=group_type,
        start=at(25, 18),
        capacity=12,
        slug="avoin-ilta",
        title_fi="Avoin sointurentoutusilta",
        title_en="Open sound relaxation evening",
        location=session_type.location,
    )
    SeatBookingFactory(event=event, name="Osallistuja", email="o@example.fi", seats=3)
    gone = EventFactory(
        session_type=group_type, start=at(26, 18), capacity=12, slug="peruttu-ilta", title_fi="Peruttu ilta"
    )
    event_cancel(event=gone)
    token = calendar_feed_regenerate(practitioner=practitioner)
    return {
        "practitioner": practitioner,
        "live": live,
        "meeting": meeting,
        "event": event,
        "token": token,
        "session_type": session_type,
    }


def path(token: str) -> str:
    return reverse("calendar_feed", kwargs={"token": token})


def fetch(client, token: str) -> icalendar.Calendar:
    response = client.get(path(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def entries(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_feed_holds_exactly_the_live_bookings_events_and_mediation_meetings(client, practice):
    cal = fetch(client, practice["token"])
    found = entries(cal)
    event, meeting = practice["event"], practice["meeting"]
    assert set(found) == {booking_uid(b) for b in practice["live"]} | {
        f"event-{event.uid}@127.0.0.1",
        f"mediation-{meeting.uid}@127.0.0.1",
    }

    maija, johan, emma = (found[booking_uid(b)] for b in practice["live"])
    assert str(maija["SUMMARY"]) == f"Maija Virtanen – {practice['session_type'].name_en}"
    assert str(maija["LOCATION"]) == "Vastaanotto, Kalevankatu 1"
    assert "In person" in str(maija["DESCRIPTION"]) and str(maija["STATUS"]) == "CONFIRMED"
    assert maija.decoded("DTSTART") == at(25, 10)
    online = practice["live"][1]
    assert online.meeting_url and str(johan["LOCATION"]) == online.meeting_url == str(johan["URL"])
    assert "Online" in str(johan["DESCRIPTION"])
    assert str(emma["STATUS"]) == "TENTATIVE" and str(emma["SUMMARY"]).startswith("Request: Emma Korhonen")

    evening = found[f"event-{event.uid}@127.0.0.1"]
    assert str(evening["SUMMARY"]) == "Open sound relaxation evening"
    assert "Seats booked: 3 of 12" in str(evening["DESCRIPTION"])

    mediation = found[f"mediation-{meeting.uid}@127.0.0.1"]
    assert str(mediation["SUMMARY"]) == "Mediation meeting"  # a generic label, nothing of the case
    assert "DESCRIPTION" not in mediation and "LOCATION" not in mediation
    assert mediation.decoded("DTEND") == at(1, 15, 4)


def test_booking_uids_are_the_same_as_in_the_clients_calendar_file(client, practice):
    booking = practice["live"][0]
    email_file = icalendar.Calendar.from_ical(booking_ics(booking))
    [email_event] = email_file.walk("VEVENT")
    assert str(email_event["UID"]) in entries(fetch(client, practice["token"]))


def test_a_cancelled_booking_disappears_and_a_rescheduled_one_moves(client, practice):
    maija, johan, _emma = practice["live"]
    booking_cancel(booking=maija, by_user=practice["practitioner"].user)
    booking_reschedule(booking=johan, start=at(25, 15), by_user=practice["practitioner"].user)
    found = entries(fetch(client, practice["token"]))
    assert booking_uid(maija) not in found
    moved = found[booking_uid(johan)]
    assert moved.decoded("DTSTART") == at(25, 15) and moved["SEQUENCE"] == 1


def test_the_feed_is_in_the_practitioners_language(client, practice):
    practitioner = practice["practitioner"]
    practitioner.language = "fi"
    practitioner.save()
    found = entries(fetch(client, practice["token"]))
    with translation.override("fi"):
        label = str(CalendarBlock.Kind.MEDIATION.label)
        title = "Avoin sointurentoutusilta"
    assert str(found[f"mediation-{practice['meeting'].uid}@127.0.0.1"]["SUMMARY"]) == label
    assert str(found[f"event-{practice['event'].uid}@127.0.0.1"]["SUMMARY"]) == title


def test_the_feed_takes_a_fixed_number_of_queries(client, practice):
    fetch(client, practice["token"])  # the link's use is noted (at most once a minute)
    with CaptureQueriesContext(connection) as few:
        fetch(client, practice["token"])
    for day in range(1, 10):
        BookingFactory(
            session_type=practice["session_type"], start=at(day, 16, 4), client_name=f"Asiakas {day}"
        )
    with CaptureQueriesContext(connection) as many:
        assert len(entries(fetch(client, practice["token"]))) == 5 + 9
    assert len(many) == len(few) <= 6


def test_a_regenerated_link_kills_the_old_address_at_once(client, practice):
    old = practice["token"]
    new = calendar_feed_regenerate(practitioner=practice["practitioner"])
    assert client.get(path(old)).status_code == 404
    assert fetch(client, new)
    assert len(new) >= 43  # 32 random bytes, base64: 256 bits


@pytest.mark.parametrize("change", ["tampered", "unknown", "empty-ish", "other-purpose"])
def test_bad_feed_tokens_are_a_plain_404(client, practice, change):
    token = practice["token"]
    bad = {
        "tampered": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "unknown": "x" * 43,
        "empty-ish": "-",
        "other-purpose": link_create(
            purpose="booking", target=practice["live"][0], expires_at=NOW + dt.timedelta(days=1)
        ),
    }[change]
    response = client.get(path(bad))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_a_feed_link_of_another_purpose_for_the_practitioner_is_refused(client, practice):
    token = link_create(
        purpose="booking", target=practice["practitioner"], expires_at=NOW + dt.timedelta(days=1)
    )
    assert client.get(path(token)).status_code == 404


def test_the_feed_lives_outside_the_language_prefixes(practice):
    assert feed_url(practice["token"]) == f"http://127.0.0.1:8000/calendar/feed/{practice['token']}.ics"


# --- admin -------------------------------------------------------------------------------------------


def fi(message, **params) -> str:
    with translation.override("fi"):
        return str(message) % params


def test_admin_regenerates_the_feed_link_and_shows_it_once(admin_client, practice):
    practitioner = practice["practitioner"]
    changelist = reverse("admin:calendar_sync_calendarfeed_changelist")
    assert practitioner.display_name in admin_client.get(changelist).content.decode()
    change = reverse("admin:calendar_sync_calendarfeed_change", args=[practitioner.pk])
    assert admin_client.get(change).status_code == 200

    response = admin_client.post(
        changelist, {"action": "regenerate", "_selected_action": [practitioner.pk]}, follow=True
    )

    page = response.content.decode()
    [url] = re.findall(r"http://127\.0\.0\.1:8000/calendar/feed/[\w-]+\.ics", page)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert fetch(admin_client, token)
    assert admin_client.get(path(practice["token"])).status_code == 404
    again = admin_client.get(changelist).content.decode()
    assert token not in again  # shown once: only its hash is kept
    message = gettext_lazy(
        "New feed address of %(name)s, shown only now: %(url)s — add it to your calendar app "
        "as a subscription. The old address no longer works."
    )
    assert fi(message, name=practitioner.display_name, url=url) in page


def test_staff_see_only_their_own_feed(client, practice):
    from django.contrib.auth.models import Permission

    from tests.factories import PractitionerFactory

    other = PractitionerFactory(display_name="Toinen Ohjaaja")
    user = practice["practitioner"].user
    user.user_permissions.set(Permission.objects.filter(codename__endswith="calendarfeed"))
    sign_in(client, user)
    page = client.get(reverse("admin:calendar_sync_calendarfeed_changelist")).content.decode()
    assert practice["practitioner"].display_name in page and other.display_name not in page


# --- demo --------------------------------------------------------------------------------------------


def test_make_demo_prints_the_same_working_feed_address_on_every_run(client, tmp_path, settings):

    settings.VAR_DIR = tmp_path  # where the demo keeps its token: this test's own
    runs = []
    for _run in range(2):
        out = io.StringIO()
        call_command("demo", stdout=out)
        lines = [line for line in out.getvalue().splitlines() if line.startswith("calendar feed: ")]
        assert len(lines) == 1
        runs.append(lines[0].removeprefix("calendar feed: "))
    first, second = runs
    assert first == second and second.startswith("http://127.0.0.1:8000/calendar/feed/")
    assert client.get(second.removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert Booking.objects.exists()


# --- mediation meetings: the invitation's UID and the place ---------------------------------------


def test_a_mediation_meeting_has_the_uid_of_its_invitation_and_its_place_but_nothing_of_the_case(
    client, practice, django_assert_max_num_queries
):
    from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
    from mediation.ics import meeting_ics
    from mediation.models import Meeting
    from tests.mediation.factories import MediationCaseFactory, PartyFactory

    mediator = practice["practitioner"]
    case = MediationCaseFactory(mediator=mediator, title="Riita myyntitiimissä")
    party = PartyFactory(case=case, name="Aino Osapuoli", email="aino@example.fi")

    def book(day: int, place: str) -> Meeting:
        meeting = meeting_create(
            case=case, kind=Meeting.Kind.JOINT, parties=[party], duration_minutes=120, place=place
        )
        [proposal] = meeting_propose_times(meeting=meeting, starts=[at(day, 10, 4)])
        return meeting_book(meeting=meeting, proposal=proposal)

    in_person = book(6, "Neuvotteluhuone 2, Kalevankatu 1")
    with CaptureQueriesContext(connection) as one:
        fetch(client, practice["token"])
    online = [book(day, f"https://meet.example.fi/sovittelu-{day}") for day in (7, 8, 9)]
    with django_assert_max_num_queries(len(one)):  # one query for all the meetings, not one each
        response = client.get(path(practice["token"]))

    found = entries(icalendar.Calendar.from_ical(response.content))
    for meeting in (in_person, *online):
        [invitation] = icalendar.Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")
        entry = found[str(invitation["UID"])]  # the same entry as the accepted invitation
        assert entry["SEQUENCE"] == invitation["SEQUENCE"]
        assert str(entry["LOCATION"]) == meeting.place == str(invitation["LOCATION"])
        assert entry.decoded("DTSTART") == meeting.start and str(entry["SUMMARY"]) == "Mediation meeting"
    assert not any(uid.startswith(f"mediation-block-{in_person.block_id}@") for uid in found)
    text = response.content.decode()
    assert "Aino" not in text and "Riita" not in text and "aino@example.fi" not in text
