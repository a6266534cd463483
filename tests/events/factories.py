"""Factories for events: a group type, events, seats and waitlist places, each made through the
events actions (the token the action returns is on the instance as `.token`)."""

import datetime as dt
from decimal import Decimal

import factory

from core.time import HELSINKI
from events.actions.event import event_create
from events.actions.seats import seat_book, seat_cancel
from events.actions.waitlist import waitlist_join, waitlist_leave
from events.models import Event, SeatBooking, WaitlistEntry
from tests.factories import PractitionerFactory, SessionTypeFactory, helsinki_today


def group_type(practitioner=None, **fields):
    """An inactive group sound relaxation type (events only) offered by the practitioner."""
    practitioner = practitioner or PractitionerFactory()
    values = {
        "service": "sound_relaxation",
        "audience": "group",
        "group_min": 1,
        "group_max": 20,
        "name": "Sointurentoutus",
        "price": Decimal("25.00"),
        "buffer_after_minutes": 0,
        "cancellation_cutoff_hours": 24,
        "reminder_lead_hours": 24,
        "is_active": False,
        **fields,
    }
    return SessionTypeFactory(practitioners=[practitioner], **values)


class EventFactory(factory.django.DjangoModelFactory):
    """A published event `days` ahead at `hour` Helsinki time, an hour long, made through
    events.actions.event_create (its time taken through the calendar guard). `seats_taken` seats are
    booked at once (`full`: all of them); `draft` is not published, `online` meets by video."""

    class Meta:
        model = Event

    class Params:
        days = 10
        hour = 18

        full = factory.Trait(seats_taken=factory.SelfAttribute("capacity"))
        draft = factory.Trait(status=Event.Status.DRAFT)
        online = factory.Trait(modality="online")

    session_type = factory.LazyFunction(group_type)
    practitioner = factory.LazyAttribute(lambda o: o.session_type.practitioners.first())
    start = factory.LazyAttribute(
        lambda o: dt.datetime.combine(
            helsinki_today() + dt.timedelta(days=o.days), dt.time(o.hour), tzinfo=HELSINKI
        ).astimezone(dt.UTC)
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))
    capacity = 4
    slug = factory.Sequence(lambda n: f"ilta-{n}")
    title_fi = "Avoin sointurentoutusilta"
    title_en = "Open sound relaxation evening"

    seats_taken = 0

    @classmethod
    def _create(cls, model_class, *, seats_taken, **action):
        event = event_create(**action)
        while seats_taken:
            seats = min(seats_taken, event.max_seats_per_booking)
            seat_book(event=event, name="Varattu", email=f"varattu{seats_taken}@example.fi", seats=seats)
            seats_taken -= seats
        return event


class SeatBookingFactory(factory.django.DjangoModelFactory):
    """Seats of an event booked through events.actions.seat_book; `cancelled` gives them back (seat_cancel,
    by the event's practitioner)."""

    class Meta:
        model = SeatBooking

    class Params:
        cancelled = factory.Trait(status=SeatBooking.Status.CANCELLED)

    event = factory.SubFactory(EventFactory)
    name = "Liisa"
    email = "liisa@example.fi"
    seats = 1
    language = "fi"
    status = None

    @classmethod
    def _create(cls, model_class, *, status, **action):
        seat, token = seat_book(**action)
        if status == SeatBooking.Status.CANCELLED:
            seat = seat_cancel(seat_booking=seat, by_user=seat.event.practitioner.user, now=action.get("now"))
        seat.token = token
        return seat


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    """A place in line through events.actions.waitlist_join, by default for a full event; `left`
    leaves the line again (waitlist_leave)."""

    class Meta:
        model = WaitlistEntry

    class Params:
        left = factory.Trait(status=WaitlistEntry.Status.LEFT)

    event = factory.SubFactory(EventFactory, full=True)
    name = "Mikko"
    email = "mikko@example.fi"
    seats = 1
    language = "fi"
    status = None

    @classmethod
    def _create(cls, model_class, *, status, **action):
        entry, token = waitlist_join(**action)
        if status == WaitlistEntry.Status.LEFT:
            entry = waitlist_leave(entry=entry, now=action.get("now"))
        entry.token = token
        return entry
