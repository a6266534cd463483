"""Supervision series: every time checked together (taken, holiday, closed, outside hours, with
the nearest free alternative), booked all or nothing, the same Helsinki local time across the
daylight-saving changes, managed as a whole (cancel the rest, move all later sessions) and one
session at a time; the agreement confirmed by the organisation's contact."""

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from icalendar import Calendar

from bookings.actions.common import Client
from bookings.exceptions import InvalidState, OutsidePolicy
from bookings.models import Booking, CalendarBlock, DateException, SessionType
from core.time import HELSINKI
from notifications.actions import messages_send_due
from notifications.models import Message
from privacy.links import link_resolve
from series.actions.agreement import agreement_confirm, agreement_end, agreement_send, agreement_update
from series.actions.series import (
    series_cancel_rest,
    series_confirm,
    series_create,
    series_move_rest,
    series_session_cancel,
    series_session_move,
)
from series.exceptions import SeriesConflict
from series.models import Series, SeriesSession, SupervisionAgreement
from series.selectors import Conflict, series_check, series_counts, series_starts, series_with_sessions
from tests.factories import BookingFactory, StaffFactory
from tests.series.factories import SeriesFactory, group_supervision

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
ORGANISATION = {
    "organisation_name": "Esimerkkikunta",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "invoice_reference": "Tiimi 2",
    "postal_address": "",
}
CONTACT = Client(
    name="Hanna Koskinen", email="hanna@example.fi", language="en", group_size=5, organisation=ORGANISATION
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def group():
    """Group supervision, 90 min, instant; the supervisor works Mon–Fri 9–16."""
    return group_supervision(buffer_after_minutes=15, horizon_days=60, cancellation_cutoff_hours=48)


def local(y, m, d, hour=14, minute=0):
    return dt.datetime(y, m, d, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


def kinds_of(obj, status="pending"):
    return sorted(
        Message.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk, status=status
        ).values_list("kind", flat=True)
    )


def test_the_cadence_keeps_the_helsinki_time_across_both_daylight_saving_changes():
    spring = series_starts(dt.date(2027, 3, 16), dt.time(14), weeks=2, count=3)
    assert [s.astimezone(HELSINKI).time() for s in spring] == [dt.time(14)] * 3
    assert [s.astimezone(dt.UTC).hour for s in spring] == [12, 11, 11]  # +02:00, then +03:00
    autumn = series_starts(dt.date(2027, 10, 19), dt.time(9, 30), weeks=2, count=3)
    assert [s.astimezone(dt.UTC).strftime("%H:%M") for s in autumn] == ["06:30", "07:30", "07:30"]
    assert series_starts(dt.date(2027, 3, 14), dt.time(3, 30), weeks=2, count=2)[1] is None  # skipped hour


def test_a_free_plan_is_booked_at_once_with_trials_evaluations_and_the_agreement(group):
    starts = series_starts(dt.date(2027, 3, 16), dt.time(14), weeks=3, count=6)  # reaches past the horizon
    series, token = series_create(
        session_type=group,
        modality="in_person",
        starts=starts,
        cadence="3w",
        client=CONTACT,
        trial_sessions=2,
        goals="Yhteinen suunta",
        participants="Tiimi 2",
    )
    assert link_resolve(token, purpose="series", model=Series) == series
    sessions = list(series.sessions.select_related("booking", "booking__block").order_by("number"))
    assert [s.booking.start for s in sessions] == starts
    assert all(s.booking.status == Booking.Status.CONFIRMED for s in sessions)
    assert all(
        s.booking.block.kind == CalendarBlock.Kind.BOOKING and s.booking.block.active for s in sessions
    )
    assert [s.booking.start.astimezone(HELSINKI).time() for s in sessions] == [dt.time(14)] * 6
    assert [s.trial for s in sessions] == [True, True, False, False, False, False]
    assert [s.evaluation for s in sessions] == ["", "", "mid", "", "", "final"]
    assert sessions[0].booking.organisation_name == "Esimerkkikunta" and sessions[0].booking.group_size == 5
    agreement = series.agreement
    assert agreement.status == SupervisionAgreement.Status.PROPOSED
    assert (agreement.session_count, agreement.session_minutes, agreement.trial_sessions) == (6, 90, 2)
    assert (agreement.payer, agreement.business_id, agreement.goals) == (
        "Esimerkkikunta",
        "0201256-6",
        "Yhteinen suunta",
    )
    assert kinds_of(series) == ["agreement_to_confirm", "practitioner_series", "series_booked"]
    # One email for the series, not one per session; reminders and check-ins stay per session.
    assert kinds_of(sessions[0].booking) == ["booking_checkin", "booking_reminder"]


def test_conflicts_are_named_each_with_the_nearest_free_time(group):
    practitioner = group.practitioners.get()
    taken = local(2027, 4, 9)
    BookingFactory(session_type=group, start=taken, client=CONTACT, now=NOW, ignore_notice=True)
    DateException.objects.create(practitioner=practitioner, date=dt.date(2027, 4, 23), kind="closed")
    # Fridays every two weeks: free, Good Friday, taken, closed by an exception.
    starts = series_starts(dt.date(2027, 3, 12), dt.time(14), weeks=2, count=4)
    plan = series_check(group, "in_person", starts)
    assert [s.conflict for s in plan.sessions] == [None, Conflict.HOLIDAY, Conflict.TAKEN, Conflict.CLOSED]
    holiday, booked, closed = plan.sessions[1:]
    # The nearest day first (Maundy Thursday, at the same time), then the nearest time on it.
    assert holiday.alternative.start == local(2027, 3, 25, 14)
    assert booked.alternative.start == local(2027, 4, 9, 12)  # 14.00–15.45 is taken on that day
    assert closed.alternative.start == local(2027, 4, 22, 14)
    # Taking the alternatives gives a plan with every time free.
    assert series_check(group, "in_person", plan.with_alternatives()).ok


def test_times_outside_the_hours_too_soon_or_overlapping_each_other_are_conflicts(group):
    late = series_check(
        group, "in_person", series_starts(dt.date(2027, 3, 16), dt.time(15), weeks=2, count=2)
    )
    assert [s.conflict for s in late.sessions] == [Conflict.OUTSIDE_HOURS] * 2  # 15.00 + 90 min > 16.00
    soon = series_check(group, "in_person", [local(2027, 3, 2, 10), local(2027, 3, 16, 10)])
    assert [s.conflict for s in soon.sessions] == [Conflict.TOO_SOON, None]
    same = series_check(group, "in_person", [local(2027, 3, 16, 10), local(2027, 3, 16, 11)])
    assert [s.conflict for s in same.sessions] == [None, Conflict.SAME_TIME]


def test_a_plan_with_any_conflict_books_nothing_at_all(group):
    starts = series_starts(dt.date(2027, 3, 12), dt.time(14), weeks=2, count=4)  # the second is Good Friday
    with pytest.raises(SeriesConflict) as refused:
        SeriesFactory(session_type=group, starts=starts, client=CONTACT, modality="in_person")
    assert [s.number for s in refused.value.plan.conflicts] == [2]
    assert not Booking.objects.exists() and not CalendarBlock.objects.exists()
    assert not Series.objects.exists() and not SupervisionAgreement.objects.exists()
    assert not Message.objects.exists()


def test_the_same_submission_books_the_series_once(group):
    starts = series_starts(dt.date(2027, 3, 16), dt.time(10), weeks=2, count=3)
    first = SeriesFactory(
        session_type=group, starts=starts, client=CONTACT, modality="in_person", submission_key="s" * 32
    )
    again = SeriesFactory(
        session_type=group, starts=starts, client=CONTACT, modality="in_person", submission_key="s" * 32
    )
    assert first == again and Booking.objects.count() == 3


def test_cancelling_the_rest_keeps_what_is_held_and_what_is_past_the_cutoff(group):
    starts = series_starts(dt.date(2027, 3, 3), dt.time(10), weeks=1, count=4)  # Wednesdays
    series = SeriesFactory(
        session_type=group, starts=starts, client=CONTACT, modality="in_person", cadence="dates"
    )
    with time_machine.travel(local(2027, 3, 9, 12), tick=False):  # after #1, 46 h before #2
        with pytest.raises(OutsidePolicy):
            series_session_cancel(session=series.sessions.get(number=2))
        cancelled, kept = series_cancel_rest(series=series)
        assert [s.number for s in cancelled] == [3, 4] and [s.number for s in kept] == [2]
        counts = series_counts(series_with_sessions(series.pk))
        assert (counts.used, counts.left, counts.cancelled) == (1, 1, 2)
    statuses = dict(series.sessions.values_list("number", "booking__status"))
    assert statuses == {1: "confirmed", 2: "confirmed", 3: "cancelled", 4: "cancelled"}
    third = series.sessions.get(number=3).booking
    assert not third.block.active
    assert "booking_cancelled" not in kinds_of(third) and "series_changed" in kinds_of(series)
    # Once #2 has begun, nothing is left to cancel.
    with time_machine.travel(local(2027, 3, 10, 12), tick=False), pytest.raises(InvalidState):
        series_cancel_rest(series=series, by_user=StaffFactory())


def test_moving_all_later_sessions_keeps_the_cadence_and_the_new_local_time_across_the_change(group):
    starts = series_starts(dt.date(2027, 10, 5), dt.time(10), weeks=2, count=4)  # 5.10, 19.10, 2.11, 16.11
    series = SeriesFactory(session_type=group, starts=starts, client=CONTACT, modality="in_person")
    old_blocks = list(series.sessions.order_by("number").values_list("booking__block_id", flat=True))
    moved = series_move_rest(series=series, from_number=2, start=local(2027, 10, 20, 13, 30))
    assert [s.number for s in moved] == [2, 3, 4]
    sessions = list(series.sessions.select_related("booking", "booking__block").order_by("number"))
    local_starts = [s.booking.start.astimezone(HELSINKI) for s in sessions]
    assert [t.date() for t in local_starts] == [
        dt.date(2027, 10, 5),
        dt.date(2027, 10, 20),
        dt.date(2027, 11, 3),
        dt.date(2027, 11, 17),
    ]
    assert [t.time() for t in local_starts[1:]] == [dt.time(13, 30)] * 3
    assert [t.utcoffset() for t in local_starts[1:]] == [
        dt.timedelta(hours=3),
        dt.timedelta(hours=2),
        dt.timedelta(hours=2),
    ]
    assert all(s.booking.block.start == s.booking.start and s.booking.block.active for s in sessions)
    assert not CalendarBlock.objects.filter(pk__in=old_blocks[1:], active=True).exists()
    assert [s.booking.sequence for s in sessions] == [0, 1, 1, 1]
    assert "series_changed" in kinds_of(series) and "booking_rescheduled" not in kinds_of(sessions[1].booking)


def test_a_move_onto_a_taken_time_moves_nothing(group):
    starts = series_starts(dt.date(2027, 3, 16), dt.time(10), weeks=2, count=3)
    series = SeriesFactory(session_type=group, starts=starts, client=CONTACT, modality="in_person")
    blocker = local(2027, 3, 31, 13)
    BookingFactory(session_type=group, start=blocker, client=CONTACT, now=NOW)
    before = list(
        Booking.objects.filter(series_session__series=series)
        .order_by("start")
        .values_list("start", flat=True)
    )
    with pytest.raises(SeriesConflict) as refused:
        series_move_rest(series=series, from_number=2, start=local(2027, 3, 17, 13))
    assert [s.conflict for s in refused.value.plan.sessions] == [None, Conflict.TAKEN]
    after = list(
        Booking.objects.filter(series_session__series=series)
        .order_by("start")
        .values_list("start", flat=True)
    )
    assert before == after
    assert CalendarBlock.objects.filter(active=True).count() == 4


def test_one_session_can_be_moved_onto_the_time_of_its_own_neighbourhood(group):
    starts = series_starts(dt.date(2027, 3, 16), dt.time(10), weeks=2, count=3)
    series = SeriesFactory(session_type=group, starts=starts, client=CONTACT, modality="in_person")
    second = series.sessions.get(number=2)
    moved = series_session_move(session=second, start=local(2027, 3, 30, 10, 30))  # overlaps its old time
    assert moved.booking.start == local(2027, 3, 30, 10, 30)
    assert CalendarBlock.objects.filter(active=True).count() == 3


def test_a_requested_series_is_held_until_the_practitioner_confirms_it(group):
    SessionType.objects.filter(pk=group.pk).update(booking_mode="request")
    group.refresh_from_db()
    series = SeriesFactory(
        session_type=group, first_day=dt.date(2027, 3, 16), count=3, client=CONTACT, modality="in_person"
    )
    assert set(series.sessions.values_list("booking__status", flat=True)) == {"requested"}
    assert set(series.sessions.values_list("booking__block__kind", flat=True)) == {"hold"}
    confirmed = series_confirm(series=series, by_user=StaffFactory())
    assert len(confirmed) == 3
    assert set(series.sessions.values_list("booking__block__kind", flat=True)) == {"booking"}
    assert "booking_confirmed" not in kinds_of(confirmed[0])
    assert Message.objects.filter(kind="series_booked", key__endswith=":confirmed").exists()


def test_the_contact_confirms_the_agreement_once_and_a_resend_asks_again(group):
    series = SeriesFactory(
        session_type=group, first_day=dt.date(2027, 3, 16), count=2, client=CONTACT, modality="in_person"
    )
    agreement = agreement_confirm(agreement=series.agreement, confirmed_by=" Hanna Koskinen ")
    assert agreement.status == "confirmed" and agreement.confirmed_by == "Hanna Koskinen"
    with pytest.raises(InvalidState):
        agreement_confirm(agreement=agreement, confirmed_by="Hanna")
    agreement = agreement_send(agreement=agreement)
    assert agreement.status == "proposed" and agreement.confirmed_at is None
    ended = agreement_end(agreement=agreement, by_user=StaffFactory())
    assert ended.status == "ended"
    assert set(series.sessions.values_list("booking__status", flat=True)) == {"cancelled"}


def test_the_sessions_keep_the_agreed_cancellation_terms_when_the_session_type_changes(group):
    starts = series_starts(dt.date(2027, 3, 3), dt.time(10), weeks=1, count=3)  # Wednesdays
    series = SeriesFactory(
        session_type=group, starts=starts, client=CONTACT, modality="in_person", cadence="dates"
    )
    agreement_confirm(agreement=series.agreement, confirmed_by="Hanna Koskinen")
    assert series.agreement.cancellation_hours == 48
    group.cancellation_cutoff_hours = 96  # the practice tightens its terms for new bookings
    group.save()
    with time_machine.travel(local(2027, 3, 8, 9), tick=False):  # 73 h before #2: inside 96, outside 48
        session = series_session_cancel(session=series.sessions.get(number=2))
        assert session.booking.status == "cancelled"
        moved = series_session_move(session=series.sessions.get(number=3), start=local(2027, 3, 18, 10))
        assert moved.booking.start == local(2027, 3, 18, 10)


def test_a_changed_agreement_cutoff_reaches_every_session_still_to_come(group):
    starts = series_starts(dt.date(2027, 3, 10), dt.time(10), weeks=1, count=2)
    series = SeriesFactory(
        session_type=group, starts=starts, client=CONTACT, modality="in_person", cadence="dates"
    )
    agreement = series.agreement
    agreement.cancellation_hours = 24
    agreement_update(agreement=agreement, changed=["cancellation_hours"])
    assert set(series.sessions.values_list("booking__cancellation_hours", flat=True)) == {24}
    with time_machine.travel(local(2027, 3, 9, 9), tick=False):  # 25 h before #1: outside 24, inside 48
        series_session_cancel(session=series.sessions.get(number=1))


def test_the_series_email_has_one_calendar_file_per_session(group):
    series = SeriesFactory(
        session_type=group, first_day=dt.date(2027, 3, 16), count=4, client=CONTACT, modality="in_person"
    )
    messages_send_due(seconds=10)
    booked = next(m for m in mail.outbox if m.to == ["hanna@example.fi"] and "booked" in m.subject)
    files = list(booked.attachments)
    assert len(files) == 4
    uids = set()
    for attachment in files:
        content = attachment.get_content() if hasattr(attachment, "get_content") else attachment[1]
        calendar = Calendar.from_ical(content)
        assert calendar["method"] == "REQUEST"
        uids.add(str(calendar.walk("VEVENT")[0]["uid"]))
    assert len(uids) == 4
    agreement_mail = next(m for m in mail.outbox if "agreement" in m.subject.lower())
    assert "/agreement/" in agreement_mail.body
    assert SeriesSession.objects.filter(series=series).count() == 4


def test_the_contact_persons_details_go_after_the_booking_retention(group, settings):
    from privacy.tasks import purge_expired

    settings.BOOKING_RETENTION_DAYS = 30
    SeriesFactory(
        session_type=group,
        first_day=dt.date(2027, 3, 16),
        count=2,
        client=CONTACT,
        modality="in_person",
        participants="Tiimi",
    )
    with time_machine.travel(local(2027, 4, 20), tick=False):
        assert purge_expired()["supervision_agreements"] == 0
    with time_machine.travel(local(2027, 5, 1), tick=False):
        assert purge_expired()["supervision_agreements"] == 1
    agreement = SupervisionAgreement.objects.get()
    assert (agreement.contact_email, agreement.participants) == ("", "")
    assert (agreement.organisation_name, agreement.business_id) == ("Esimerkkikunta", "0201256-6")
