"""Scheduling: free times from the mediator's calendar, the parties' overlap, booking through the
calendar guard, and the meeting's calendar files."""

import datetime as dt

import pytest
from django.utils import translation
from icalendar import Calendar

from bookings.actions.booking import block_reserve
from bookings.exceptions import SlotTaken
from bookings.models import CalendarBlock
from mediation import selectors
from mediation.actions.parties import party_consent, party_mark_times
from mediation.actions.scheduling import (
    meeting_book,
    meeting_cancel,
    meeting_create,
    meeting_propose_times,
    meeting_send_proposals,
)
from mediation.exceptions import MeetingNotOpen, TimeInPast
from mediation.ics import meeting_ics
from mediation.models import Meeting
from notifications.models import Message
from notifications.registry import builder_for
from tests.support.seams import calendar_checks_off

from .conftest import helsinki

pytestmark = pytest.mark.django_db

WED_10 = helsinki(2027, 3, 3, 10)
THU_10 = helsinki(2027, 3, 4, 10)
FRI_13 = helsinki(2027, 3, 5, 13)


def joint(case, parties, minutes=240):
    return meeting_create(case=case, kind=Meeting.Kind.JOINT, parties=parties, duration_minutes=minutes)


def test_free_times_come_from_the_mediators_own_calendar(case, mediator, clock):
    block_reserve(practitioner=mediator, start=WED_10, end=WED_10 + dt.timedelta(hours=2), kind="booking")
    free = selectors.free_times(
        mediator,
        first_day=dt.date(2027, 3, 3),
        last_day=dt.date(2027, 3, 3),
        duration=dt.timedelta(hours=2),
        step=dt.timedelta(hours=1),
    )
    starts = [slot.start for slot in free]
    assert WED_10 not in starts and helsinki(2027, 3, 3, 9) not in starts  # overlaps the booking
    assert helsinki(2027, 3, 3, 8) in starts and helsinki(2027, 3, 3, 12) in starts
    assert helsinki(2027, 3, 3, 17) not in starts  # would end after 18.00


def test_a_taken_time_can_not_be_proposed(case, parties, mediator, clock):
    meeting = joint(case, parties)
    block_reserve(practitioner=mediator, start=WED_10, end=WED_10 + dt.timedelta(hours=1), kind="booking")
    with pytest.raises(SlotTaken):
        meeting_propose_times(meeting=meeting, starts=[THU_10, WED_10])
    assert meeting.proposals.count() == 0  # all or nothing
    with pytest.raises(TimeInPast):
        meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 2, 28, 10)])


def test_the_overlap_shows_which_times_suit_every_invited_party(case, parties, clock):
    a, b = parties
    for party in parties:
        party_consent(party=party)
    meeting = joint(case, parties)
    wed, thu, fri = meeting_propose_times(meeting=meeting, starts=[WED_10, THU_10, FRI_13])
    assert meeting_send_proposals(meeting=meeting) == 2
    assert Message.objects.filter(kind="mediation_times").count() == 2
    party_mark_times(party=a, marks={meeting.pk: {wed.pk, thu.pk}})
    party_mark_times(party=b, marks={meeting.pk: {thu.pk, fri.pk}})
    party_mark_times(party=b, marks={meeting.pk: {thu.pk}})  # changed their mind
    rows = selectors.overlap(meeting)
    assert [(r.proposal.start, [p.name for p in r.marked_by], r.suits_all) for r in rows] == [
        (THU_10, ["Aino Osapuoli", "Ben Party"], True),
        (WED_10, ["Aino Osapuoli"], False),
        (FRI_13, [], False),
    ]


def test_booking_takes_the_time_through_the_calendar_guard_and_invites_everyone(
    case, parties, mediator, clock
):
    meeting = joint(case, parties)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[THU_10])
    meeting = meeting_book(meeting=meeting, proposal=proposal)
    assert meeting.status == Meeting.Status.BOOKED and (meeting.start, meeting.end) == (
        proposal.start,
        proposal.end,
    )
    block = CalendarBlock.objects.get(pk=meeting.block_id)
    assert (block.practitioner, block.kind, block.active) == (mediator, "mediation", True)
    invitations = Message.objects.filter(kind="mediation_meeting")
    assert sorted(invitations.values_list("recipient", flat=True)) == sorted(
        ["aino@example.fi", "ben@example.fi", mediator.email]
    )
    # The same time can now be taken by nothing else: a booking over it is refused.
    with pytest.raises(SlotTaken):
        block_reserve(
            practitioner=mediator,
            start=THU_10 + dt.timedelta(hours=1),
            end=THU_10 + dt.timedelta(hours=2),
            kind="booking",
        )
    with pytest.raises(MeetingNotOpen):
        meeting_book(meeting=meeting, proposal=proposal)


def test_a_time_taken_after_it_was_proposed_is_refused_at_booking_and_nothing_changes(
    case, parties, mediator, clock
):
    meeting = joint(case, parties)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[THU_10])
    block_reserve(
        practitioner=mediator,
        start=THU_10 + dt.timedelta(hours=3),
        end=THU_10 + dt.timedelta(hours=5),
        kind="booking",
    )
    assert selectors.overlap(meeting)[0].taken
    with pytest.raises(SlotTaken):
        meeting_book(meeting=meeting, proposal=proposal)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED and meeting.block is None
    assert not Message.objects.filter(kind="mediation_meeting").exists()
    assert CalendarBlock.objects.filter(kind="mediation").count() == 0


@pytest.mark.postgres
def test_on_postgresql_the_exclusion_constraint_refuses_an_overlap_the_check_missed(
    case, parties, mediator, clock
):
    meeting = joint(case, parties)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[THU_10])
    # The negative control: with the Python check off the database itself still refuses.
    with calendar_checks_off():
        block_reserve(practitioner=mediator, start=THU_10, end=THU_10 + dt.timedelta(hours=1), kind="booking")
        with pytest.raises(SlotTaken):
            block_reserve(practitioner=mediator, start=proposal.start, end=proposal.end, kind="mediation")


def test_the_calendar_file_has_a_stable_uid_a_sequence_and_request_or_cancel(case, parties, clock):
    meeting = joint(case, parties)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[THU_10])
    meeting = meeting_book(meeting=meeting, proposal=proposal)
    booked = Calendar.from_ical(meeting_ics(meeting, attendee=parties[0]))
    [event] = booked.walk("VEVENT")
    assert booked["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"mediation-{meeting.uid}@127.0.0.1"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == THU_10 and event.decoded("DTEND") == THU_10 + dt.timedelta(hours=4)
    assert str(event["ATTENDEE"]) == "mailto:aino@example.fi"
    assert case.title not in booked.to_ical().decode()
    meeting = meeting_cancel(meeting=meeting)
    cancelled = Calendar.from_ical(meeting_ics(meeting, method="CANCEL"))
    [event] = cancelled.walk("VEVENT")
    assert cancelled["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == f"mediation-{meeting.uid}@127.0.0.1" and event["SEQUENCE"] == 1
    assert not CalendarBlock.objects.get(pk=meeting.block_id).active


def test_invitation_and_cancellation_emails_carry_their_calendar_files(case, parties, clock):
    meeting = joint(case, parties)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[THU_10])
    meeting_book(meeting=meeting, proposal=proposal)

    def email(method):
        message = Message.objects.get(
            kind="mediation_meeting", recipient="ben@example.fi", context__method=method
        )
        with translation.override(message.language):
            return builder_for("mediation_meeting")(message)

    def attached(built, method):
        [(_name, content, mimetype)] = built.attachments
        assert mimetype == f"text/calendar; method={method}"
        return Calendar.from_ical(content)

    request = email("REQUEST")
    assert attached(request, "REQUEST")["METHOD"] == "REQUEST"
    assert request.subject == "Mediation meeting Thu 4 Mar 2027, 10:00–14:00"
    meeting_cancel(meeting=meeting)
    assert attached(email("CANCEL"), "CANCEL")["METHOD"] == "CANCEL"
    # A request still waiting is not sent once the meeting is cancelled: the CANCEL replaces it.
    assert email("REQUEST") is None
