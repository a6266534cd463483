"""factory_boy factories for every model the tests make."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True


# --- bookings: practitioners, session types, hours, bookings ----------------------------------------
import datetime as dt
from decimal import Decimal

from bookings.models import (
    CalendarBlock,
    DateException,
    Location,
    Practitioner,
    SessionType,
    WeeklyHours,
)


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


__all__ = [
    "CalendarBlock",
    "DateException",
    "LocationFactory",
    "PractitionerFactory",
    "SessionTypeFactory",
    "bookable",
    "open_every_day",
]


# --- mediation: cases and parties ---------------------------------------------------------------
from mediation.actions.case import case_setup as _mediation_case_setup
from mediation.models import MediationCase as _MediationCase
from mediation.models import Party as _Party


class MediationCaseFactory(factory.django.DjangoModelFactory):
    """An open case in stage 1 with its six stage records (as admin creates it)."""

    class Meta:
        model = _MediationCase
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
            _mediation_case_setup(case=self)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = _Party

    case = factory.SubFactory(MediationCaseFactory)
    name = factory.Sequence(lambda n: f"Osapuoli {n}")
    email = factory.Sequence(lambda n: f"party{n}@example.fi")
    language = "fi"
    role = _Party.Role.EMPLOYEE


# --- bookings: events with seats and waitlists; supervision series -----------------------------------
import datetime as _ev_dt
from decimal import Decimal as _EvDecimal

from core.time import HELSINKI as _EV_HELSINKI
from events.actions.event import event_create


def group_type(practitioner=None, **fields):
    """An inactive group sound relaxation type (events only) offered by the practitioner."""
    practitioner = practitioner or PractitionerFactory()
    values = {
        "service": "sound_relaxation",
        "audience": "group",
        "group_min": 1,
        "group_max": 20,
        "name": "Sointurentoutus",
        "price": _EvDecimal("25.00"),
        "buffer_after_minutes": 0,
        "cancellation_cutoff_hours": 24,
        "reminder_lead_hours": 24,
        "is_active": False,
        **fields,
    }
    return SessionTypeFactory(practitioners=[practitioner], **values)


def event_at(days: int = 10, hour: int = 18, *, capacity: int = 4, session_type=None, **fields):
    """A published event `days` ahead at `hour` Helsinki time, made through event_create."""
    session_type = session_type or group_type()
    practitioner = fields.pop("practitioner", None) or session_type.practitioners.first()
    day = _ev_dt.datetime.now(_EV_HELSINKI).date() + _ev_dt.timedelta(days=days)
    start = _ev_dt.datetime.combine(day, _ev_dt.time(hour), tzinfo=_EV_HELSINKI).astimezone(_ev_dt.UTC)
    fields.setdefault("slug", f"ilta-{session_type.pk}-{day:%Y%m%d}-{hour}")
    fields.setdefault("title_fi", "Avoin sointurentoutusilta")
    fields.setdefault("title_en", "Open sound relaxation evening")
    return event_create(
        session_type=session_type,
        practitioner=practitioner,
        start=start,
        end=start + _ev_dt.timedelta(hours=1),
        capacity=capacity,
        **fields,
    )
