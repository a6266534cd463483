"""factory_boy factories for every model the tests make.

Rows that an action owns (a booking with its calendar block, history and outbox messages; an event;
seats; a waitlist place; a series; a queued message) are made through that action, the way the site
makes them: each factory's `_create` calls it. Their personal-link token, which the action returns
beside the row, is on the instance as `.token`. The traits (`BookingFactory(cancelled=True)`) run the
later actions too, so a cancelled booking has freed its time and queued its messages.
"""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings import selectors
from bookings.actions.booking import booking_confirm, booking_create
from bookings.actions.change import booking_cancel
from bookings.actions.common import Client
from bookings.actions.record import booking_mark
from bookings.models import Booking, Location, Practitioner, SessionType, WeeklyHours
from core.time import HELSINKI, local_date
from events.actions.event import event_create
from events.actions.seats import seat_book, seat_cancel
from events.actions.waitlist import waitlist_join, waitlist_leave
from events.models import Event, SeatBooking, WaitlistEntry
from mediation.actions.case import case_setup
from mediation.models import MediationCase, Party
from notifications.actions import message_queue
from notifications.models import Message
from notifications.registry import Email, kind
from series.actions.series import series_confirm, series_create
from series.models import Series
from series.selectors import series_starts


def helsinki_today() -> dt.date:
    return local_date(timezone.now())


# --- people ------------------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True


# --- bookings: practitioners, session types, hours ---------------------------------------------------


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner

    user = factory.SubFactory(StaffFactory)
    display_name = factory.Sequence(lambda n: f"Ohjaaja {n}")
    email = factory.LazyAttribute(lambda o: o.user.email)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    practitioner = factory.SubFactory(PractitionerFactory)
    name = "Vastaanotto"
    address = "Mannerheimintie 1, 00100 Helsinki"


class SessionTypeFactory(factory.django.DjangoModelFactory):
    """An instant individual supervision hour, in person or online, bookable 1 h ahead."""

    class Meta:
        model = SessionType
        skip_postgeneration_save = True

    service = "supervision"
    slug = factory.Sequence(lambda n: f"tyonohjaus-{n}")
    name = "Yksilötyönohjaus"
    name_en = "Individual supervision"
    name_sv = "Individuell handledning"
    duration_minutes = 60
    buffer_after_minutes = 0
    min_notice_hours = 1
    horizon_days = 120
    slot_step_minutes = 60
    price = Decimal("95.00")
    vat_rate = Decimal("25.5")

    @factory.post_generation
    def practitioners(self, create, extracted, **kwargs):
        if create and extracted:
            self.practitioners.set(extracted)


def open_every_day(practitioner, start=dt.time(8), end=dt.time(18), **modalities):
    """Weekly hours on all seven days (tests need times on any date)."""
    WeeklyHours.objects.bulk_create(
        WeeklyHours(practitioner=practitioner, weekday=d, start_time=start, end_time=end, **modalities)
        for d in range(7)
    )


def bookable(**session_type_fields):
    """A practitioner open 8–18 every day and a session type they offer."""
    practitioner = PractitionerFactory()
    open_every_day(practitioner)
    session_type = SessionTypeFactory(practitioners=[practitioner], **session_type_fields)
    return practitioner, session_type


# --- bookings: one-off bookings ----------------------------------------------------------------------

ORGANISATION = {
    "organisation_name": "Esimerkki Oy",
    "business_id": "0112038-9",
    "einvoice_address": "003701120389",
    "einvoice_operator": "003721291126",
    "invoice_reference": "Tiimi 1",
}


def _first_free_start(o) -> dt.datetime:
    """The first free time of the type from the day after tomorrow (so its reminder is still to come),
    as the calendar is at `now` when the booking is made then."""
    now = o.now or timezone.now()
    day = local_date(now) + dt.timedelta(days=2)
    free = selectors.free_slots(
        o.session_type, day, day + dt.timedelta(days=14), modality=o.modality, now=now
    )
    return free[0].start


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking made through bookings.actions.booking.booking_create: by default the first free time of
    a new bookable type two days ahead, in the type's first modality. The traits run the practitioner's
    later actions: `requested` (a request-mode type, the time held), `confirmed` (a requested one
    confirmed), `cancelled`, `completed`; `online` and `organisation` (an organisation pays) shape the
    client."""

    class Meta:
        model = Booking
        exclude = ("organisation_details",)  # a trait sets it: a parameter would shadow the trait

    class Params:
        client_name = "Maija Meikäläinen"
        email = "maija@example.fi"
        phone = "040 1234567"
        language = "fi"
        notes = ""
        group_size = 1

        requested = factory.Trait(
            status=Booking.Status.REQUESTED,
            session_type=factory.LazyFunction(
                lambda: bookable(booking_mode=SessionType.BookingMode.REQUEST)[1]
            ),
        )
        confirmed = factory.Trait(status=Booking.Status.CONFIRMED)
        cancelled = factory.Trait(status=Booking.Status.CANCELLED)
        completed = factory.Trait(status=Booking.Status.COMPLETED)
        online = factory.Trait(modality="online")
        organisation = factory.Trait(organisation_details=factory.Dict(ORGANISATION))

    organisation_details = factory.Dict({})
    session_type = factory.LazyFunction(lambda: bookable()[1])
    modality = factory.LazyAttribute(lambda o: o.session_type.modality_list[0])
    start = factory.LazyAttribute(_first_free_start)
    client = factory.LazyAttribute(
        lambda o: Client(
            name=o.client_name,
            email=o.email,
            phone=o.phone,
            language=o.language,
            notes=o.notes,
            group_size=o.group_size,
            organisation=o.organisation_details,
        )
    )
    now = None
    status = None  # as the type's booking mode makes it

    @classmethod
    def _create(cls, model_class, *, status, **action):
        booking, token = booking_create(**action)
        staff, now = booking.practitioner.user, action["now"]
        if (
            status in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
            and booking.status == Booking.Status.REQUESTED
        ):
            booking = booking_confirm(booking=booking, by_user=staff, now=now)
        if status == Booking.Status.CANCELLED:
            booking = booking_cancel(booking=booking, by_user=staff, now=now)
        if status == Booking.Status.COMPLETED:
            booking = booking_mark(booking=booking, status=status, by_user=staff)
        if status and booking.status != status:
            raise ValueError(f"a {booking.status} booking is not {status}: is the type in request mode?")
        booking.token = token
        return booking


# --- events: events, seats, the waitlist --------------------------------------------------------------


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


# --- series: supervision series under an agreement ---------------------------------------------------


class SeriesFactory(factory.django.DjangoModelFactory):
    """Group supervision booked through series.actions.series_create: `count` sessions every `weeks`
    weeks from `first_day` at `at` Helsinki time, online, for an organisation's team. `requested`
    books on a request-mode type (the times are held); `confirmed` has the practitioner confirm it."""

    class Meta:
        model = Series

    class Params:
        first_day = factory.LazyFunction(lambda: helsinki_today() + dt.timedelta(days=14))
        at = dt.time(10)
        weeks = 2
        count = 4
        client_name = "Hanna Koskinen"
        email = "hanna@example.fi"
        language = "fi"
        group_size = 5
        organisation_details = factory.Dict(
            {"organisation_name": "Esimerkkikunta", "business_id": "0201256-6"}
        )

        requested = factory.Trait(
            session_type=factory.LazyFunction(
                lambda: bookable(audience="group", booking_mode=SessionType.BookingMode.REQUEST)[1]
            )
        )
        confirmed = factory.Trait(requested=True, confirm=True)

    session_type = factory.LazyFunction(lambda: bookable(audience="group")[1])
    modality = "online"
    starts = factory.LazyAttribute(lambda o: series_starts(o.first_day, o.at, weeks=o.weeks, count=o.count))
    cadence = factory.LazyAttribute(lambda o: f"{o.weeks}w")
    client = factory.LazyAttribute(
        lambda o: Client(
            name=o.client_name,
            email=o.email,
            language=o.language,
            group_size=o.group_size,
            organisation=o.organisation_details,
        )
    )

    confirm = False

    @classmethod
    def _create(cls, model_class, *, confirm, **action):
        series, token = series_create(**action)
        if confirm:
            series_confirm(series=series, by_user=series.practitioner.user)
        series.token = token
        return series


# --- notifications: the outbox ------------------------------------------------------------------------


@kind("test_note", label="A note (tests)")
def build_note(message) -> Email | None:
    """A kind of the tests' own: `context["build"]` can make it refuse ("none") or break ("raise")."""
    behaviour = message.context.get("build")
    if behaviour == "none":
        return None
    if behaviour == "raise":
        raise RuntimeError("template is broken")
    return Email(
        subject=f"Note {message.pk}", text=f"Hello {message.target}", html=f"<p>Hello {message.target}</p>"
    )


class MessageFactory(factory.django.DjangoModelFactory):
    """A message queued through notifications.actions.message_queue: by default a test note, due now,
    about a user of its own. `sent` and `failed` set the status alone (a real send pass also records
    attempts, times and errors: tests of those run one)."""

    class Meta:
        model = Message

    class Params:
        sent = factory.Trait(status=Message.Status.SENT)
        failed = factory.Trait(status=Message.Status.FAILED)

    kind = "test_note"
    target = factory.SubFactory(UserFactory)
    recipient = factory.LazyAttribute(lambda o: o.target.email)
    language = "fi"
    due_at = None
    status = None

    @classmethod
    def _create(cls, model_class, *, status, **action):
        message = message_queue(**action)
        if status:
            Message.objects.filter(pk=message.pk).update(status=status)
            message.refresh_from_db()
        return message


# --- mediation: cases and parties ---------------------------------------------------------------------


class MediationCaseFactory(factory.django.DjangoModelFactory):
    """An open case in stage 1 with its six stage records (as admin creates it)."""

    class Meta:
        model = MediationCase
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tiimin yhteistyö {n}")
    mediator = factory.SubFactory(PractitionerFactory)
    organisation_name = "Esimerkki Oy"
    business_id = "0112038-9"
    contact_name = "Hanna Henkilöstö"
    contact_email = factory.Sequence(lambda n: f"hr{n}@esimerkki.fi")
    commission_terms = "Sovittelu: aloitusistunto, erilliset tapaamiset, yhteinen istunto, seuranta."
    price = Decimal("2400.00")

    @factory.post_generation
    def setup(self, create, extracted, **kwargs):
        if create:
            case_setup(case=self)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(MediationCaseFactory)
    name = factory.Sequence(lambda n: f"Osapuoli {n}")
    email = factory.Sequence(lambda n: f"party{n}@example.fi")
    language = "fi"
    role = Party.Role.EMPLOYEE
