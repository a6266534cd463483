"""The factory for supervision series under an agreement, made through series.actions.series_create."""

import datetime as dt

import factory

from bookings.actions.common import Client
from bookings.models import SessionType, WeeklyHours
from series.actions.series import series_confirm, series_create
from series.models import Series
from series.selectors import series_starts
from tests.factories import PractitionerFactory, SessionTypeFactory, bookable, helsinki_today


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


def group_supervision(**fields) -> SessionType:
    """Group supervision for 3–6, 90 minutes in 30-minute steps, bookable 48 hours ahead; its
    supervisor works Monday to Friday 9–16. `fields` change the type."""
    practitioner = PractitionerFactory()
    WeeklyHours.objects.bulk_create(
        WeeklyHours(practitioner=practitioner, weekday=d, start_time=dt.time(9), end_time=dt.time(16))
        for d in range(5)
    )
    values = {
        "audience": "group",
        "group_min": 3,
        "group_max": 6,
        "duration_minutes": 90,
        "slot_step_minutes": 30,
        "min_notice_hours": 48,
        **fields,
    }
    return SessionTypeFactory(practitioners=[practitioner], **values)
