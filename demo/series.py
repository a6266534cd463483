"""Demo supervision series, relative to today: a group supervision series in progress (two sessions
held, the agreement confirmed). Idempotent: the series is keyed by a fixed key, so running it again
changes nothing."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.actions.common import Client
from bookings.actions.record import booking_mark
from bookings.models import Booking, SessionType
from core.time import HELSINKI, local_datetime
from series import selectors as series_selectors
from series.actions.agreement import agreement_confirm
from series.actions.series import series_confirm, series_create
from series.models import Cadence, Series

from .calendar import practitioner, session_types
from .site import ADMIN_USERNAME

SERIES_KEY = "demo-series-perhepalvelut"


def _series(person, session_type: SessionType, today: dt.date) -> Series | None:
    if existing := Series.objects.filter(submission_key=SERIES_KEY).first():
        return existing
    first = today - dt.timedelta(days=42)
    while first.weekday() not in (1, 2, 3):
        first += dt.timedelta(days=1)
    made_at = local_datetime(first - dt.timedelta(days=10), dt.time(9))
    starts = [local_datetime(first + dt.timedelta(weeks=3 * n), dt.time(13)) for n in range(6)]
    client = Client(
        name="Hanna Koskinen",
        email="hanna.koskinen@example.fi",
        phone="040 765 4321",
        group_size=5,
        organisation={
            "organisation_name": "Esimerkkikunnan perhepalvelut",
            "business_id": "0201256-6",
            "einvoice_address": "003702012566",
            "einvoice_operator": "003721291126",
            "invoice_reference": "Perhetyö / työnohjaus 2026",
        },
    )
    plan = series_selectors.series_check(session_type, "in_person", starts, practitioner=person, now=made_at)
    series, _token = series_create(
        session_type=session_type,
        modality="in_person",
        starts=plan.with_alternatives(),
        cadence=Cadence.EVERY_3_WEEKS,
        client=client,
        client_organisation="Perhetyön tiimi 2",
        participants="Perhetyön tiimi 2: viisi sosiaaliohjaajaa",
        goals="Yhteinen tapa käsitellä kuormittavia asiakastilanteita; tiimin vuorovaikutus muutoksessa.",
        trial_sessions=1,
        practitioner=person,
        submission_key=SERIES_KEY,
        now=made_at,
    )
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    if series.sessions.filter(booking__status=Booking.Status.REQUESTED).exists():
        series_confirm(series=series, by_user=admin, now=made_at)
    agreement_confirm(agreement=series.agreement, confirmed_by="Hanna Koskinen", now=made_at)
    for session in series.sessions.select_related("booking"):
        if session.booking.end < timezone.now():
            booking_mark(booking=session.booking, status=Booking.Status.COMPLETED, by_user=admin)
    return series


def load(out) -> None:
    person = practitioner()
    today = timezone.now().astimezone(HELSINKI).date()
    series = _series(person, session_types(person)["ryhmatyonohjaus"], today)
    out.write(
        f"series: {series.sessions.count() if series else 0} sessions for "
        f"{series.agreement.payer if series else '-'}"
    )
