"""Every email of events, waitlists and series renders in Finnish, Swedish and English, as text and
HTML, with its personal link; a message that no longer applies is not sent."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from events.actions.event import event_cancel, event_update
from events.actions.seats import seat_cancel
from events.actions.waitlist import offer_claim, offers_expire
from events.models import WaitlistEntry
from notifications.models import Message
from notifications.registry import builder_for
from series.actions.series import series_move_rest, series_session_cancel
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory
from tests.series.factories import SeriesFactory

pytestmark = pytest.mark.django_db
KINDS = [
    "seat_confirmed",
    "seat_cancelled",
    "seat_reminder",
    "event_changed",
    "event_cancelled",
    "waitlist_joined",
    "waitlist_offer",
    "waitlist_offer_expired",
    "waitlist_closed",
    "series_booked",
    "series_changed",
    "agreement_to_confirm",
    "practitioner_series",
]


def build(message, language):
    with translation.override(language):
        return builder_for(message.kind)(message)


@pytest.fixture
def messages_of_every_kind():
    event = EventFactory(capacity=2)
    seat = SeatBookingFactory(event=event, seats=2)
    expired = WaitlistEntryFactory(event=event, name="Eero", email="e@example.fi")
    WaitlistEntryFactory(event=event, name="Olli", email="o@example.fi")
    WaitlistEntryFactory(event=event, name="Ville", email="v@example.fi", seats=2)  # two don't fit: waits
    seat_cancel(seat_booking=seat, seats=1)  # the seat goes to Eero
    WaitlistEntry.objects.filter(pk=expired.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    offers_expire()  # Eero's offer expires, Olli gets it
    moved = event.start + dt.timedelta(hours=1)
    event_update(event=event, start=moved, end=moved + dt.timedelta(hours=1))
    other = EventFactory(days=20, capacity=2, session_type=event.session_type)
    SeatBookingFactory(event=other, name="Kaisa", email="k@example.fi")
    WaitlistEntryFactory(event=other, name="Aino", email="a@example.fi", seats=2)  # told of the cancellation
    event_cancel(event=other, reason="Ohjaaja on sairaana.")
    series = SeriesFactory(
        confirmed=True,
        count=3,
        client_name="Hanna",
        email="h@example.fi",
        organisation_details={"organisation_name": "Kunta"},
    )
    third = series.sessions.get(number=3).booking.start
    series_move_rest(series=series, from_number=3, start=third + dt.timedelta(days=1))
    series_session_cancel(session=series.sessions.get(number=2))
    # Of each kind, a message that still applies (e.g. not the offer that expired).
    return {
        kind: next((m for m in Message.objects.filter(kind=kind).order_by("pk") if build(m, "en")), None)
        for kind in KINDS
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_kind_renders_as_text_and_html_in_each_language(messages_of_every_kind, language):
    for kind, message in messages_of_every_kind.items():
        assert message is not None, kind
        email = build(message, language)
        assert email is not None, kind
        assert email.subject and email.text and email.html.startswith("<!DOCTYPE html>"), kind
        assert "{{" not in email.text and "{%" not in email.html, kind
        assert "None" not in email.subject, kind


def test_the_personal_links_are_in_the_emails(messages_of_every_kind):
    expect = {
        "seat_confirmed": "/my-seats/",
        "waitlist_joined": "/waitlist/",
        "waitlist_offer": "/seat-offer/",
        "series_booked": "/my-series/",
        "agreement_to_confirm": "/agreement/",
    }
    for kind, path in expect.items():
        assert path in build(messages_of_every_kind[kind], "en").text, kind


def test_the_practitioner_hears_of_a_series_and_of_changes(messages_of_every_kind):
    email = build(messages_of_every_kind["practitioner_series"], "en")
    assert "Kunta" in email.text and "/admin/" in email.text


def test_an_offer_that_was_used_or_expired_is_not_sent(messages_of_every_kind):
    offer = messages_of_every_kind["waitlist_offer"]
    entry = WaitlistEntry.objects.get(pk=offer.target_id)
    offer_claim(entry=entry)
    assert build(offer, "en") is None
