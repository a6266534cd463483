"""factory_boy factories for people and the calendar core (practitioners, places, session types,
bookings) and the outbox; events, series and mediation keep theirs in tests/<app>/factories.py.

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
from core.time import local_date
from notifications.actions import message_queue
from notifications.models import Message
from notifications.registry import Email, kind


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
