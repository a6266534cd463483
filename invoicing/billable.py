"""What can be invoiced for a period (reads): held sessions, no-shows and late cancellations per
the terms the client accepted, series sessions at their agreement's price, event seats not paid on
site, mediation meetings and the mediation fee. Each item names its payer: an organisation (by
business ID) or a person.

An item is identified by its source ("booking:12", "seat:3", "meeting:5", "mediation_fee:2"); a
source on a live invoice line, or left out by the practitioner, is not billable again. Descriptions
are written in the payer's language, through core.formats, and a mediation item says only
"Työyhteisösovittelu, tapaaminen ti 24.11.2026" or the agreed fee: never anything of the case.

Seven queries whatever the period holds.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.fi import ytunnus

from bookings.models import Booking, OrganisationDetails
from core.formats import format_date, format_when
from core.time import day_bounds, local
from events.models import Event, SeatBooking
from mediation.models import MediationCase, Meeting

from . import amounts
from .models import InvoiceLine, LeftOut

HELD = (Booking.Status.COMPLETED, Booking.Status.CONFIRMED, Booking.Status.NO_SHOW, Booking.Status.CANCELLED)

KIND_LABELS = {
    "held": gettext_lazy("Held"),
    "no_show": gettext_lazy("No-show"),
    "late_cancellation": gettext_lazy("Cancelled late"),
    "series": gettext_lazy("Series session"),
    "seats": gettext_lazy("Event seats"),
    "meeting": gettext_lazy("Mediation meeting"),
    "mediation_fee": gettext_lazy("Mediation fee"),
}


@dataclass(frozen=True)
class Payer:
    key: str
    name: str
    business_id: str = ""
    contact: str = ""
    email: str = ""
    address: str = ""
    einvoice_address: str = ""
    einvoice_operator: str = ""
    reference: str = ""
    language: str = "fi"
    payment_days: int | None = None  # a supervision agreement's own term

    @property
    def is_organisation(self) -> bool:
        return self.key.startswith("org:")

    @property
    def group(self) -> tuple[str, str, str]:
        """One invoice per payer, reference and e-invoice address."""
        return (self.key, self.reference, self.einvoice_address)


@dataclass(frozen=True)
class Billable:
    source: str
    kind: str
    start: dt.datetime
    description: str
    quantity: Decimal
    unit_price: Decimal  # incl. VAT, at the rate in force on the service date
    vat_rate: Decimal
    payer: Payer

    @property
    def service_date(self) -> dt.date:
        return local(self.start).date()

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def amount(self) -> Decimal:
        return amounts.line_amounts(self.quantity, self.unit_price, self.vat_rate).gross


def _organisation_key(details: OrganisationDetails) -> str:
    if details.business_id:
        return "org:" + ytunnus.compact(details.business_id)
    return "org:" + " ".join(details.organisation_name.lower().split())


def organisation_payer(
    details: OrganisationDetails, *, contact: str, email: str, language: str, **extra
) -> Payer:
    return Payer(
        key=_organisation_key(details),
        name=details.organisation_name or contact,
        business_id=details.business_id,
        contact=contact,
        email=email,
        address=details.postal_address,
        einvoice_address=details.einvoice_address,
        einvoice_operator=details.einvoice_operator,
        reference=details.invoice_reference,
        language=language,
        **extra,
    )


def person_payer(*, name: str, email: str, language: str) -> Payer:
    return Payer(key="person:" + email.strip().lower(), name=name, email=email, language=language)


def _pays_as_organisation(details: OrganisationDetails) -> bool:
    return bool(details.organisation_name or details.business_id)


def _is_late(booking: Booking) -> bool:
    """Cancelled after the free-cancellation cutoff the client accepted (a booking keeps the hours
    it was made with; a series session its agreement's)."""
    return booking.cancelled_at is not None and booking.cancelled_at > booking.cancellation_cutoff


class _Pricing:
    """Prices of the practice: VAT at the rate in force on the service date, or none at all."""

    def __init__(self, vat_registered: bool):
        self.vat_registered = vat_registered

    def __call__(self, price: Decimal, stored_rate: Decimal, start: dt.datetime) -> tuple[Decimal, Decimal]:
        if not self.vat_registered:
            return Decimal(price), Decimal("0")
        rate = amounts.rate_in_force(local(start).date(), stored_rate)
        return amounts.repriced(price, stored_rate, rate), rate


def _booking_item(booking: Booking, now: dt.datetime, price) -> Billable | None:
    session = getattr(booking, "series_session", None)
    agreement = session.series.agreement if session else None
    if booking.status == Booking.Status.CANCELLED:
        if (agreement and not agreement.late_cancellation_charged) or not _is_late(booking):
            return None
        kind = "late_cancellation"
    elif booking.status == Booking.Status.CONFIRMED and booking.end > now:
        return None  # not held yet
    else:
        kind = "no_show" if booking.status == Booking.Status.NO_SHOW else "held"
    if agreement:
        payer = organisation_payer(
            agreement,
            contact=agreement.contact_name,
            email=agreement.contact_email,
            language=agreement.language,
            payment_days=agreement.payment_days,
        )
        unit, stored_rate = agreement.price_per_session, agreement.vat_rate
    elif _pays_as_organisation(booking):
        payer = organisation_payer(
            booking, contact=booking.client_name, email=booking.email, language=booking.language
        )
        unit, stored_rate = booking.price, booking.vat_rate
    else:
        payer = person_payer(name=booking.client_name, email=booking.email, language=booking.language)
        unit, stored_rate = booking.price, booking.vat_rate
    if not unit:
        return None
    with translation.override(payer.language):
        when = format_when(booking.start, booking.end)
        service = booking.session_type.name
        if agreement:
            text = _("%(service)s, session %(number)s/%(count)s, %(when)s") % {
                "service": service,
                "number": session.number,
                "count": agreement.session_count,
                "when": when,
            }
        elif (
            payer.is_organisation
            and booking.session_type.audience == booking.session_type.Audience.INDIVIDUAL
        ):
            text = _("%(service)s (%(client)s), %(when)s") % {
                "service": service,
                "client": booking.client_name,
                "when": when,
            }
        else:
            text = _("%(service)s, %(when)s") % {"service": service, "when": when}
        if kind == "no_show":
            text = _("%(line)s: no-show") % {"line": text}
        elif kind == "late_cancellation":
            text = _("%(line)s: cancelled late") % {"line": text}
    if agreement and kind == "held":
        kind = "series"
    unit, rate = price(unit, stored_rate, booking.start)
    return Billable(f"booking:{booking.pk}", kind, booking.start, text, Decimal(1), unit, rate, payer)


def _seat_item(seat: SeatBooking, price) -> Billable | None:
    event = seat.event
    if not seat.price_per_seat:
        return None
    payer = person_payer(name=seat.name, email=seat.email, language=seat.language)
    with translation.override(payer.language):
        text = _("%(event)s, %(when)s") % {"event": event.title, "when": format_when(event.start, event.end)}
    unit, rate = price(seat.price_per_seat, seat.vat_rate, event.start)
    return Billable(f"seat:{seat.pk}", "seats", event.start, text, Decimal(seat.seats), unit, rate, payer)


def _case_payer(case: MediationCase) -> Payer:
    return organisation_payer(
        case, contact=case.contact_name, email=case.contact_email, language=case.contact_language
    )


def _meeting_item(meeting: Meeting, price) -> Billable:
    payer = _case_payer(meeting.case)
    with translation.override(payer.language):
        text = _("Workplace mediation, meeting %(date)s") % {"date": format_date(meeting.start)}
    _unit, rate = price(Decimal(0), meeting.case.vat_rate, meeting.start)
    return Billable(
        f"meeting:{meeting.pk}", "meeting", meeting.start, text, Decimal(1), Decimal(0), rate, payer
    )


def _fee_item(case: MediationCase, first_meeting: dt.datetime, price) -> Billable:
    payer = _case_payer(case)
    with translation.override(payer.language):
        text = _("Workplace mediation, the agreed fee")
    unit, rate = price(case.price, case.vat_rate, first_meeting)
    return Billable(
        f"mediation_fee:{case.pk}", "mediation_fee", first_meeting, text, Decimal(1), unit, rate, payer
    )


def taken_sources(sources: list[str]) -> set[str]:
    """The sources already on a live invoice line or left out (two queries)."""
    billed = InvoiceLine.objects.filter(active=True, source__in=sources).values_list("source", flat=True)
    left = LeftOut.objects.filter(source__in=sources).values_list("source", flat=True)
    return set(billed) | set(left)


def billable_items(
    first_day: dt.date,
    last_day: dt.date,
    *,
    vat_registered: bool,
    now: dt.datetime | None = None,
) -> list[Billable]:
    """Everything billable on these Helsinki days (both included) that is not invoiced or left out
    yet, in time order. Seven queries."""
    now = now or timezone.now()
    start, end = day_bounds(first_day, last_day)
    price = _Pricing(vat_registered)
    items: list[Billable] = []
    bookings = (
        Booking.objects.filter(start__gte=start, start__lt=min(end, now), status__in=HELD)
        .select_related("session_type", "series_session__series__agreement")
        .order_by("start", "pk")
    )
    items += filter(None, (_booking_item(b, now, price) for b in bookings))
    seats = (
        SeatBooking.objects.filter(
            event__start__gte=start,
            event__start__lt=end,
            event__end__lte=now,
            status=SeatBooking.Status.CONFIRMED,
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    items += filter(None, (_seat_item(s, price) for s in seats))
    meetings = list(
        Meeting.objects.filter(status=Meeting.Status.BOOKED, start__gte=start, start__lt=end, end__lte=now)
        .select_related("case")
        .order_by("start", "pk")
    )
    items += [_meeting_item(m, price) for m in meetings]
    # The fee falls on the case's first held meeting, once the organisation has confirmed the commission.
    firsts = {}
    for meeting in (
        Meeting.objects.filter(
            Q(case__commission_confirmed_at__isnull=False) & Q(case__price__gt=0),
            status=Meeting.Status.BOOKED,
            end__lte=now,
        )
        .order_by("start", "pk")
        .select_related("case")
    ):
        firsts.setdefault(meeting.case_id, meeting)
    items += [_fee_item(m.case, m.start, price) for m in firsts.values() if start <= m.start < end]
    taken = taken_sources([item.source for item in items])
    items = [item for item in items if item.source not in taken]
    return sorted(items, key=lambda item: (item.start, item.source))
