"""Demo events, relative to today: an open sound relaxation evening with free seats, and one that is
full with people waiting. Idempotent: the events are keyed by their date, so running it again on
the same day changes nothing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from bookings.availability import finnish_holidays
from bookings.exceptions import BookingError
from bookings.models import Location, SessionType
from core.time import HELSINKI, local_datetime
from events.actions.event import event_create
from events.actions.seats import seat_book
from events.actions.waitlist import waitlist_join
from events.models import Event, health_answers

from .calendar import practitioner

SOUND_TYPE = {
    "slug": "sointurentoutus-ryhma",
    "service": "sound_relaxation",
    "name_fi": "Sointurentoutus ryhmälle",
    "name_sv": "Klangavslappning i grupp",
    "name_en": "Group sound relaxation",
    "description_fi": "60 minuuttia: alustus, rentoutus äänimaljojen ja gongien kanssa, palautuminen.",
    "description_sv": "60 minuter: introduktion, avslappning med klangskålar och gonger, återhämtning.",
    "description_en": "60 minutes: introduction, relaxation with singing bowls and gongs, recovery.",
    "duration_minutes": 60,
    "buffer_before_minutes": 30,
    "buffer_after_minutes": 30,
    "audience": "group",
    "group_min": 1,
    "group_max": 12,
    "price": Decimal("25.00"),
    "cancellation_cutoff_hours": 24,
    "is_active": False,  # seats are booked on the event pages, not in the booking flow
    "position": 10,
}
EVENT_TEXT = {
    "title_fi": "Avoin sointurentoutusilta",
    "title_sv": "Öppen klangavslappningskväll",
    "title_en": "Open sound relaxation evening",
    "description_fi": (
        "Syvärentoutus Peter Hess -menetelmällä. Istut tai lepäilet alustalla, ja äänimaljoja, gongeja "
        "sekä muita instrumentteja soitetaan kehosi läheisyydessä. Äänimaljoja ei soiteta keholla.\n\n"
        "Ota mukaan mukavat vaatteet, villasukat ja halutessasi oma tyyny ja viltti."
    ),
    "description_sv": (
        "Djupavslappning med Peter Hess-metoden. Du sitter eller vilar på ett underlag medan klangskålar, "
        "gonger och andra instrument spelas nära din kropp. Skålarna spelas inte på kroppen.\n\n"
        "Ta med bekväma kläder, ullsockor och gärna en egen kudde och filt."
    ),
    "description_en": (
        "Deep relaxation with the Peter Hess method. You sit or lie on a mat while singing bowls, gongs "
        "and other instruments are played close to your body. The bowls are not played on the body.\n\n"
        "Bring comfortable clothes, warm socks and, if you like, your own pillow and blanket."
    ),
}
SEAT_HOLDERS = [
    ("Liisa Mäkelä", "liisa.makela@example.fi", "fi", 2),
    ("Anna Berg", "anna.berg@example.fi", "sv", 2),
    ("Tuomas Lehtonen", "tuomas.lehtonen@example.fi", "fi", 1),
    ("Kaisa Heikkinen", "kaisa.heikkinen@example.fi", "fi", 1),
]
WAITING = [
    ("Mikko Salonen", "mikko.salonen@example.fi", "fi", 1),
    ("Olivia Hall", "olivia.hall@example.com", "en", 2),
]


def _evening(today: dt.date, days: int) -> dt.datetime:
    """18.00 on a weekday about `days` ahead (Tuesday or Thursday, the practice's evening days), not
    on a holiday."""
    day = today + dt.timedelta(days=days)
    while day.weekday() not in (1, 3) or day in finnish_holidays(day, day):
        day += dt.timedelta(days=1)
    return local_datetime(day, dt.time(18))


def _event(person, session_type, start: dt.datetime, capacity: int) -> Event | None:
    slug = f"sointurentoutus-{start.astimezone(HELSINKI).date().isoformat()}"
    if existing := Event.objects.filter(slug=slug).first():
        return existing
    try:
        return event_create(
            session_type=session_type,
            practitioner=person,
            start=start,
            end=start + dt.timedelta(minutes=60),
            capacity=capacity,
            slug=slug,
            registration_deadline=start - dt.timedelta(hours=3),
            location=person.locations.filter(kind=Location.Kind.PRACTICE).order_by("pk").first(),
            place_note="Sali 2, 2. kerros",
            max_seats_per_booking=3,
            **EVENT_TEXT,
        )
    except BookingError:
        return None  # the evening is taken in the calendar: no demo event that day


def _fill(event: Event, holders, *, waiting=()) -> None:
    if event.seat_bookings.exists():
        return
    for n, (name, email, language, seats) in enumerate(holders):
        health = health_answers(["pregnancy"], "") if n == 0 else ""
        seat_book(
            event=event,
            name=name,
            email=email,
            language=language,
            seats=seats,
            health=health,
            consent=bool(health),
        )
    for name, email, language, seats in waiting:
        waitlist_join(event=event, name=name, email=email, language=language, seats=seats)


def load(out) -> None:
    person = practitioner()
    sound, _created = SessionType.objects.get_or_create(
        slug=SOUND_TYPE["slug"], defaults={k: v for k, v in SOUND_TYPE.items() if k != "slug"}
    )
    sound.practitioners.add(person)
    today = timezone.now().astimezone(HELSINKI).date()
    with_seats = _event(person, sound, _evening(today, 9), capacity=12)
    if with_seats:
        _fill(with_seats, SEAT_HOLDERS[:2])
    full = _event(person, sound, _evening(today, 16), capacity=6)
    if full:
        _fill(full, SEAT_HOLDERS, waiting=WAITING)
    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, start__gt=timezone.now()).count()
    out.write(f"events: {upcoming} upcoming open events")
