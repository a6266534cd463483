"""Demo calendar: a practitioner with weekday hours, session types, and bookings relative to today:
one that has ended (its check-in is due), the next working time from now (its reminder is due when
that is within a day), and a few in the coming days. Every booking is at a free time of the
practitioner's weekday hours, whatever the hour the demo runs: never at night, on a weekend or on a
holiday, and no extra hours are opened for it. Every booking goes through booking_create and the
calendar guard.

Idempotent: running it twice on a day changes nothing; on a later day it adds that day's bookings.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone

from bookings import selectors
from bookings.actions.booking import booking_create
from bookings.actions.common import CHECKIN_DELAY, Client
from bookings.exceptions import BookingError
from bookings.models import Booking, Location, Modality, Practitioner, SessionType, WeeklyHours
from core.time import HELSINKI
from privacy.links import link_create, link_resolve, link_revoke

from .practice import PRACTITIONER, places
from .site import ADMIN_USERNAME, link_token

SESSION_TYPES = [
    {
        "slug": "yksilotyonohjaus",
        "service": "supervision",
        "name_fi": "Yksilötyönohjaus",
        "name_sv": "Individuell arbetshandledning",
        "name_en": "Individual work supervision",
        "description_fi": "Oma aika oman työn tarkasteluun: 60 minuuttia, vastaanotolla tai verkossa.",
        "description_sv": "Egen tid att reflektera över ditt arbete: 60 minuter, på mottagningen eller på nätet.",
        "description_en": "Time of your own to reflect on your work: 60 minutes, in person or online.",
        "duration_minutes": 60,
        "buffer_after_minutes": 15,
        "min_notice_hours": 12,
        "price": Decimal("120.00"),
        "booking_mode": "instant",
        "position": 1,
    },
    {
        "slug": "ryhmatyonohjaus",
        "service": "supervision",
        "name_fi": "Ryhmätyönohjaus",
        "name_sv": "Grupphandledning",
        "name_en": "Group supervision",
        "description_fi": "Työnohjausta 3–6 hengen ryhmälle, 90 minuuttia. Vahvistan ajan sähköpostilla.",
        "description_sv": "Handledning för en grupp på 3–6 personer, 90 minuter. Jag bekräftar tiden per e-post.",
        "description_en": "Supervision for a group of 3–6 people, 90 minutes. I confirm the time by email.",
        "duration_minutes": 90,
        "buffer_after_minutes": 30,
        "min_notice_hours": 48,
        "slot_step_minutes": 30,
        "audience": "group",
        "group_min": 3,
        "group_max": 6,
        "price": Decimal("240.00"),
        "booking_mode": "request",
        "position": 2,
    },
    {
        "slug": "tutustumiskeskustelu",
        "service": "supervision",
        "name_fi": "Maksuton tutustumiskeskustelu",
        "name_sv": "Kostnadsfritt introduktionssamtal",
        "name_en": "Free introductory call",
        "description_fi": "30 minuutin videopuhelu: kerro tilanteestasi, niin mietitään yhdessä sopiva tapa edetä.",
        "description_sv": "Ett videosamtal på 30 minuter: berätta om din situation så funderar vi tillsammans.",
        "description_en": "A 30-minute video call: tell me about your situation and we'll find a way forward.",
        "duration_minutes": 30,
        "buffer_after_minutes": 0,
        "min_notice_hours": 4,
        "slot_step_minutes": 30,
        "modalities": "online",
        "price": Decimal("0.00"),
        "booking_mode": "instant",
        "position": 3,
    },
]

CLIENTS = [
    ("Maija Virtanen", "maija.virtanen@example.fi", "fi"),
    ("Johan Lindqvist", "johan.lindqvist@example.fi", "sv"),
    ("Emma Korhonen", "emma.korhonen@example.fi", "fi"),
    ("Sarah Miller", "sarah.miller@example.com", "en"),
    ("Pekka Nieminen", "pekka.nieminen@example.fi", "fi"),
]


def practitioner() -> Practitioner:
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    person, created = Practitioner.objects.get_or_create(
        user=user, defaults={"display_name": PRACTITIONER, "email": user.email, "phone": "+358 40 123 4567"}
    )
    if created:
        places(person)
        for weekday in range(5):
            WeeklyHours.objects.create(
                practitioner=person, weekday=weekday, start_time=dt.time(9), end_time=dt.time(16)
            )
        for weekday in (1, 3):  # Tuesday and Thursday evenings online
            WeeklyHours.objects.create(
                practitioner=person,
                weekday=weekday,
                start_time=dt.time(17),
                end_time=dt.time(19),
                in_person=False,
            )
    return person


def session_types(person: Practitioner) -> dict[str, SessionType]:
    location = person.locations.filter(kind=Location.Kind.PRACTICE).order_by("pk").first()
    result = {}
    for fields in SESSION_TYPES:
        values = {k: v for k, v in fields.items() if k != "slug"}
        st, created = SessionType.objects.get_or_create(
            slug=fields["slug"], defaults={**values, "location": location}
        )
        if created:
            st.practitioners.add(person)
        result[st.slug] = st
    return result


def personal_link(
    name: str, *, purpose: str, target: models.Model, expires_at: dt.datetime, replace: bool = False
) -> str:
    """The token of the demo's personal link `name` to `target`, the same on every run (kept in var/,
    see core.demo.link_token), so a printed link keeps working; the link is made only when it isn't
    there yet. One revoked or expired since gets a new token (a used hash can't be made again).
    `replace` revokes the target's other links of the purpose when the link is made."""
    token = link_token(name)
    try:
        if link_resolve(token, purpose=purpose, model=type(target)).pk == target.pk:
            return token
    except Http404:
        pass

    def make(token: str) -> str:
        with transaction.atomic():
            if replace:
                link_revoke(purpose=purpose, target=target)
            return link_create(purpose=purpose, target=target, expires_at=expires_at, token=token)

    try:
        return make(token)
    except IntegrityError:
        return make(link_token(name, renew=True))


def _create(key, session_type, start, client_index, *, made_at, modality, **client_extra) -> Booking:
    name, email, language = CLIENTS[client_index % len(CLIENTS)]
    client = Client(name=name, email=email, language=language, phone="040 123 4567", **client_extra)
    booking, _token = booking_create(
        session_type=session_type,
        start=start,
        modality=modality,
        client=client,
        submission_key=key,
        now=made_at,
    )
    return booking


def book(key, session_type, start, client_index, *, made_at, modality=None, **client_extra):
    """One demo booking at the free time nearest to `start` in the week from its day, as if booked
    at `made_at`; none when that week has no free time."""
    if Booking.objects.filter(submission_key=key).exists():
        return None
    modality = modality or session_type.modality_list[0]
    day = start.astimezone(HELSINKI).date()
    slots = selectors.free_slots(
        session_type, day, day + dt.timedelta(days=6), modality=modality, now=made_at
    )
    if not slots:
        return None
    start = min(slots, key=lambda s: abs(s.start - start)).start
    return _create(key, session_type, start, client_index, made_at=made_at, modality=modality, **client_extra)


def _made_at(day: dt.date) -> dt.datetime:
    """When a demo client booked a time on `day`: three days before it (so notice rules are met)."""
    return dt.datetime.combine(day - dt.timedelta(days=3), dt.time(9), tzinfo=HELSINKI)


def _book_first(key, session_type, client_index, slots, *, made_at, modality) -> Booking | None:
    """The first of `slots` that booking_create (and the calendar guard) accepts."""
    for slot in slots:
        try:
            return _create(key, session_type, slot.start, client_index, made_at=made_at, modality=modality)
        except BookingError:
            continue
    return None


def _book_ended(key, session_type, client_index, *, now, modality) -> Booking | None:
    """The latest free time of the practitioner's hours whose session and check-in delay are over by
    `now`: today's if the day has one, else the last working day's before it. Never at night, on a
    weekend or on a holiday, whatever the hour the demo runs: the hours and holidays decide."""
    if Booking.objects.filter(submission_key=key).exists():
        return None
    today = now.astimezone(HELSINKI).date()
    for back in range(15):
        day = today - dt.timedelta(days=back)
        made_at = _made_at(day)
        slots = selectors.free_slots(session_type, day, day, modality=modality, now=made_at)
        over = [slot for slot in slots if slot.end + CHECKIN_DELAY <= now]
        if booking := _book_first(
            key, session_type, client_index, reversed(over), made_at=made_at, modality=modality
        ):
            return booking
    return None


def _book_soon(key, session_type, client_index, *, now, made_at, modality) -> Booking | None:
    """The first free time of the practitioner's hours at least two hours after `now`: within the
    reminder's lead on a working day (so its reminder is due), after a weekend or a holiday later."""
    if Booking.objects.filter(submission_key=key).exists():
        return None
    today = now.astimezone(HELSINKI).date()
    slots = selectors.free_slots(
        session_type, today, today + dt.timedelta(days=14), modality=modality, now=made_at
    )
    ahead = [slot for slot in slots if slot.start >= now + dt.timedelta(hours=2)]
    return _book_first(key, session_type, client_index, ahead, made_at=made_at, modality=modality)


def load(out) -> None:
    person = practitioner()
    types = session_types(person)
    now = timezone.now()
    today = now.astimezone(HELSINKI).date()
    made_at = now - dt.timedelta(days=3)

    def local(days, hour, minute=0):
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute), tzinfo=HELSINKI)

    key = f"demo-{today}"
    hour_type = types["yksilotyonohjaus"]
    # Ended before now (today if it can), so its check-in is due; and the next working time.
    _book_ended(f"{key}-ended", hour_type, 0, now=now, modality=Modality.IN_PERSON)
    _book_soon(f"{key}-soon", hour_type, 1, now=now, made_at=made_at, modality=Modality.ONLINE)
    for n, days in enumerate((2, 3, 5, 8)):
        book(
            f"{key}-week-{n}", hour_type, local(days, 10 + n), n + 1, made_at=made_at
        )  # fi, sv and en clients
    book(f"{key}-intro", types["tutustumiskeskustelu"], local(4, 13, 30), 3, made_at=made_at)
    book(
        f"{key}-group",
        types["ryhmatyonohjaus"],
        local(9, 13),
        4,
        made_at=made_at,
        group_size=5,
        organisation={
            "organisation_name": "Esimerkkikunnan perhepalvelut",
            "business_id": "0201256-6",
            "einvoice_address": "003702012566",
            "einvoice_operator": "003721291126",
            "invoice_reference": "Perhetyö / tiimi 2",
        },
    )


def summary(out) -> None:
    """Last, so that it counts the series and events' bookings too: the same line on every run."""
    person = practitioner()
    now = timezone.now()
    waiting = Booking.objects.filter(
        status__in=[Booking.Status.CONFIRMED, Booking.Status.REQUESTED], end__gt=now
    )
    out.write(
        f"bookings: {waiting.count()} upcoming or waiting, {person.session_types.count()} session types, "
        f"practitioner {person.display_name}"
    )
