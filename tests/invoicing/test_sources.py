"""Series sessions at their agreement's price and terms, event seats not paid on site, mediation
meetings and the mediation fee: what each makes billable, and for whom."""

import datetime as dt
from decimal import Decimal

import pytest

from bookings.actions.change import booking_cancel
from bookings.actions.common import Client
from bookings.actions.record import booking_mark
from events.actions.seats import seat_book
from invoicing import billable
from invoicing.actions import billable_leave_out, invoices_draft
from mediation.actions.case import case_confirm_commission
from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
from series.actions.agreement import agreement_update
from series.actions.series import series_create
from tests.events.factories import EventFactory
from tests.factories import StaffFactory
from tests.invoicing.conftest import ORGANISATION, day_ahead, month_of
from tests.mediation.factories import MediationCaseFactory, PartyFactory

pytestmark = pytest.mark.django_db


def _series(supervision, *, late_charged=True):
    _practitioner, session_type = supervision
    starts = [day_ahead(3), day_ahead(4)]
    series, _token = series_create(
        session_type=session_type,
        modality=session_type.modality_list[0],
        starts=starts,
        cadence="dates",
        client=Client(name="Hanna Henkilöstö", email="hanna@example.fi", organisation=ORGANISATION),
        now=starts[0] - dt.timedelta(days=7),
    )
    agreement = series.agreement
    agreement.price_per_session, agreement.payment_days = Decimal("180.00"), 21
    agreement.cancellation_hours, agreement.late_cancellation_charged = 72, late_charged
    agreement_update(
        agreement=agreement,
        changed=["price_per_session", "payment_days", "cancellation_hours", "late_cancellation_charged"],
    )
    return series


def test_series_sessions_at_the_agreements_price_and_a_late_cancellation_by_its_own_terms(
    practice, supervision
):
    series = _series(supervision)
    first_session, second_session = series.sessions.order_by("number")
    booking_mark(booking=first_session.booking, status="completed", by_user=None)
    # 48 hours before: in time by the session type's 24 hours, late by the agreement's 72.
    booking_cancel(
        booking=second_session.booking,
        by_user=StaffFactory(),
        now=second_session.booking.start - dt.timedelta(hours=48),
    )
    first, last = month_of(day_ahead(4))
    items = billable.billable_items(first, last, vat_registered=True, now=day_ahead(8))
    assert [(i.kind, i.amount) for i in items] == [
        ("series", Decimal("180.00")),
        ("late_cancellation", Decimal("180.00")),
    ]
    assert "1/2" in items[0].description and items[0].payer.payment_days == 21

    (draft,) = invoices_draft(first_day=first, last_day=last, now=day_ahead(8))
    assert draft.payment_days == 21 and draft.buyer_name == ORGANISATION["organisation_name"]


def test_an_agreement_that_does_not_charge_late_cancellations(practice, supervision):
    series = _series(supervision, late_charged=False)
    session = series.sessions.order_by("number").last()
    booking_cancel(
        booking=session.booking, by_user=StaffFactory(), now=session.booking.start - dt.timedelta(hours=2)
    )
    first, last = month_of(day_ahead(4))
    items = billable.billable_items(first, last, vat_registered=True, now=day_ahead(8))
    assert [i.kind for i in items] == ["series"]  # the first session, held; the cancelled one not


def test_event_seats_are_billable_to_the_person_unless_paid_on_site(practice):
    event = EventFactory(days=3)
    seats, _token = seat_book(event=event, name="Sari Seppä", email="sari@example.fi", seats=2)
    other, _token = seat_book(event=event, name="Paavo", email="paavo@example.fi", seats=1)
    billable_leave_out(source=f"seat:{other.pk}", reason="paid_on_site")
    first, last = month_of(event.start)

    (item,) = billable.billable_items(first, last, vat_registered=True, now=event.end + dt.timedelta(days=1))

    assert item.source == f"seat:{seats.pk}" and item.payer.name == "Sari Seppä"
    assert (item.quantity, item.unit_price, item.amount) == (Decimal(2), Decimal("25.00"), Decimal("50.00"))


def test_mediation_is_invoiced_by_meeting_dates_and_the_agreed_fee_never_its_content(practice):
    case = MediationCaseFactory(title="Riita Maijan ja Pekan välillä", commission_terms="Luottamuksellinen")
    party = PartyFactory(case=case, name="Maija Salainen")
    meeting = meeting_create(case=case, kind="joint", parties=[party], duration_minutes=120)
    from tests.factories import open_every_day

    open_every_day(case.mediator)
    (proposal,) = meeting_propose_times(meeting=meeting, starts=[day_ahead(3)])
    meeting_book(meeting=meeting, proposal=proposal)
    first, last = month_of(day_ahead(3))
    later = day_ahead(6)
    assert billable.billable_items(first, last, vat_registered=True, now=later)[0].kind == "meeting"
    assert invoices_draft(first_day=first, last_day=last, now=later) == []  # 0 €: the fee is not due yet

    case_confirm_commission(case=case, name="Hanna Henkilöstö")
    (draft,) = invoices_draft(first_day=first, last_day=last, now=later)
    descriptions = [line.description for line in draft.lines.all()]
    assert sorted(descriptions)[0] == "Työyhteisösovittelu, sovittu palkkio"
    assert sorted(descriptions)[1].startswith(
        "Työyhteisösovittelu, tapaaminen "
    )  # and its date, nothing more
    assert draft.total == Decimal("2400.00")
    text = " ".join(descriptions)
    assert "Riita" not in text and "Maija" not in text and "Luottamuksellinen" not in text
