"""Places in fi/sv/en: every confirmation and reminder carries the place's texts in the recipient's
language (bookings, events, series), online ones how to join; nothing promises what no email sends."""

import datetime as dt
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bookings.models import Location
from demo import practice as demo_practice
from events.actions.seats import seat_book
from notifications.models import Message
from notifications.registry import builder_for
from series.actions.series import series_confirm, series_create
from tests.events.factories import EventFactory
from tests.factories import BookingFactory, LocationFactory, PractitionerFactory, StaffFactory, bookable
from tests.notifications.conftest import helsinki

pytestmark = pytest.mark.django_db

START = helsinki(2027, 3, 3, 10)
ROOM = {
    "name_fi": "Vastaanotto Kallio",
    "name_sv": "Mottagningen i Berghäll",
    "name_en": "Practice room in Kallio",
    "address_fi": "Helsinginkatu 5, 00500 Helsinki",
    "address_sv": "Helsingegatan 5, 00500 Helsingfors",
    "directions_fi": "Hakaniemen metroasemalta viisi minuuttia kävellen.",
    "directions_sv": "Fem minuters promenad från metrostationen i Hagnäs.",
    "directions_en": "A five-minute walk from Hakaniemi metro station.",
    "entry_fi": "Ovikoodi 4711, sitten toinen kerros.",
    "entry_sv": "Portkod 4711, sedan andra våningen.",
    "entry_en": "Door code 4711, then the second floor.",
    "parking_fi": "Pysäköinti pihalla.",
    "parking_sv": "Parkering på gården.",
    "parking_en": "Parking in the courtyard.",
    "step_free_access": True,
    "lift": True,
    "induction_loop": False,
}
ONLINE = {
    "kind": Location.Kind.ONLINE,
    "name_fi": "Videotapaaminen",
    "directions_fi": "Avaa linkki viisi minuuttia ennen.",
    "directions_sv": "Öppna länken fem minuter innan.",
    "directions_en": "Open the link five minutes before.",
}
# Words that promise something a later message brings (a door code "sent in the confirmation").
PROMISE = re.compile(
    r"lähetetään|lähetämme|toimitetaan|vahvistusviesti|skickas|skickar vi|bekräftelse|"
    r"will be sent|we will send|we'll send|is sent|in the confirmation",
    re.IGNORECASE,
)


def message_of(kind: str, **target) -> Message:
    return Message.objects.get(kind=kind, **target)


def built(message: Message, language: str):
    with translation.override(language):
        return builder_for(message.kind)(message)


def in_person_booking(language: str, **room):
    practitioner, session_type = bookable()
    session_type.location = LocationFactory(practitioner=practitioner, **{**ROOM, **room})
    session_type.save()
    return BookingFactory(
        session_type=session_type,
        start=START,
        language=language,
        modality="in_person",
        now=START - dt.timedelta(days=7),
    )


def test_a_swedish_confirmation_carries_the_places_swedish_texts():
    booking = in_person_booking("sv")
    email = built(message_of("booking_confirmed", target_id=booking.pk), "sv")
    for text in (email.text, email.html):
        assert "Mottagningen i Berghäll" in text and "Helsingegatan 5, 00500 Helsingfors" in text
        assert ROOM["directions_sv"] in text and ROOM["entry_sv"] in text and ROOM["parking_sv"] in text
        assert "Hiss: ja" in text and "Induktionsslinga: nej" in text
        assert ROOM["directions_fi"] not in text and ROOM["entry_fi"] not in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_reminder_carries_the_place_in_the_recipients_language(language):
    booking = in_person_booking(language)
    reminder = message_of("booking_reminder", target_id=booking.pk)
    with time_machine.travel(START - dt.timedelta(hours=24), tick=False):
        email = built(reminder, language)
    assert ROOM[f"directions_{language}"] in email.text and ROOM[f"entry_{language}"] in email.text


def test_a_missing_translation_falls_back_to_the_finnish_text():
    booking = in_person_booking("en", directions_en="", entry_en="")
    email = built(message_of("booking_confirmed", target_id=booking.pk), "en")
    assert ROOM["directions_fi"] in email.text and ROOM["entry_fi"] in email.text


def test_an_online_booking_carries_the_video_link_and_how_to_join():
    practitioner, session_type = bookable()
    Location.objects.create(practitioner=practitioner, **ONLINE)
    booking = BookingFactory(
        session_type=session_type,
        start=START,
        language="en",
        modality="online",
        now=START - dt.timedelta(days=7),
    )
    email = built(message_of("booking_confirmed", target_id=booking.pk), "en")
    assert booking.meeting_url and booking.meeting_url in email.text and booking.meeting_url in email.html
    assert "How to join:" in email.text and ONLINE["directions_en"] in email.text
    assert ONLINE["directions_en"] in email.html


def test_an_event_seat_confirmation_and_reminder_carry_the_place_in_the_holders_language():
    event = EventFactory(capacity=4)
    event.location = LocationFactory(practitioner=event.practitioner, **ROOM)
    event.save()
    seat, _token = seat_book(event=event, name="Sara", email="sara@example.fi", seats=1, language="sv")
    for kind in ("seat_confirmed", "seat_reminder"):
        message = Message.objects.filter(kind=kind, target_id=seat.pk).first()
        assert message is not None, kind
        email = built(message, "sv")
        assert ROOM["directions_sv"] in email.text and ROOM["entry_sv"] in email.html, kind


def test_a_series_confirmation_carries_the_place():
    practitioner, session_type = bookable(booking_mode="request", min_notice_hours=0)
    session_type.location = LocationFactory(practitioner=practitioner, **ROOM)
    session_type.save()
    day = timezone.now().date() + dt.timedelta(days=7)
    starts = [
        dt.datetime.combine(
            day + dt.timedelta(weeks=2 * n), dt.time(10), tzinfo=timezone.get_current_timezone()
        )
        for n in range(2)
    ]
    client = {
        "name": "Hanna",
        "email": "h@example.fi",
        "language": "en",
        "organisation": {"organisation_name": "Kunta"},
    }
    from bookings.actions.booking import Client

    series, _ = series_create(
        session_type=session_type, modality="in_person", starts=starts, cadence="2w", client=Client(**client)
    )
    series_confirm(series=series, by_user=StaffFactory())
    message = Message.objects.filter(kind="series_booked", target_id=series.pk).order_by("-pk").first()
    email = built(message, "en")
    assert ROOM["directions_en"] in email.text and ROOM["entry_en"] in email.text


# --- the door code: what is promised is sent, or not promised --------------------------------------


def test_the_door_code_is_in_the_confirmation_and_reminder_and_on_no_public_page(client):
    booking = in_person_booking("fi")
    assert "4711" in built(message_of("booking_confirmed", target_id=booking.pk), "fi").text
    with time_machine.travel(START - dt.timedelta(hours=24), tick=False):
        assert "4711" in built(message_of("booking_reminder", target_id=booking.pk), "fi").text
    query = f"?type={booking.session_type.slug}"
    pages = [
        reverse("bookings:start"),
        reverse("bookings:modality") + query,
        reverse("bookings:month") + query + "&modality=in_person",
    ]
    shown = ""
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        shown += response.content.decode()
    assert ROOM["name_fi"] in shown  # the place is on the public pages, its door code is not
    assert "4711" not in shown


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_demo_places_promise_nothing_that_a_later_email_brings(language):
    for place in (demo_practice.PRACTICE_ROOM, demo_practice.ONLINE_ROOM):
        for field in ("directions", "entry", "parking"):
            text = place.get(f"{field}_{language}", "")
            assert not PROMISE.search(text), f"{place['name_fi']} {field}_{language}: {text}"
    assert PROMISE.search(demo_practice.UNKEPT_PROMISE)  # the pattern does catch the old wording


def test_the_demo_replaces_the_old_promise_and_fills_every_language():
    practitioner, _session_type = bookable()
    room = Location.objects.create(
        practitioner=practitioner, name_fi="Vastaanotto Kamppi", directions_fi=demo_practice.UNKEPT_PROMISE
    )
    demo_practice.places(practitioner)
    room.refresh_from_db()
    assert room.directions_fi == demo_practice.PRACTICE_ROOM["directions_fi"]
    assert room.entry_sv and room.entry_en and room.directions_sv and room.directions_en
    assert practitioner.locations.filter(kind=Location.Kind.ONLINE).count() == 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_place_not_yet_known_is_not_promised_in_the_confirmation(language):
    with translation.override(language):
        text = render_to_string(
            "bookings/partials/where.html", {"modality": "in_person", "location": None}
        ) + render_to_string("events/_facts.html", {"event": EventFactory(days=12, location=None)})
    assert not PROMISE.search(text), text


def test_a_practitioner_has_one_online_place():
    from django.db import IntegrityError, transaction
    from django.forms import inlineformset_factory

    from bookings.admin.places import LocationFormSet
    from bookings.models import Practitioner

    practitioner, _session_type = bookable()
    Location.objects.create(practitioner=practitioner, **ONLINE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.create(practitioner=practitioner, **ONLINE)
    Formset = inlineformset_factory(
        Practitioner, Location, formset=LocationFormSet, fields=["kind", "name_fi"], extra=0
    )
    data = {"locations-TOTAL_FORMS": "2", "locations-INITIAL_FORMS": "0"}
    for n in range(2):
        data |= {f"locations-{n}-kind": "online", f"locations-{n}-name_fi": f"Video {n}"}
    formset = Formset(data, instance=PractitionerFactory(), prefix="locations")
    with translation.override("en"):
        assert not formset.is_valid()
        assert "one online place" in " ".join(formset.non_form_errors())
