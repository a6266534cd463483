"""Meetings: the mediator proposes free times, parties mark what suits them, the mediator books one.

Booking goes through bookings.actions.block_reserve, the same calendar guard as every booking, so
a time taken meanwhile is refused (SlotTaken) and nothing is half-booked.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.actions.booking import block_release, block_reserve
from bookings.exceptions import SlotTaken
from bookings.models import CalendarBlock
from notifications.actions import message_queue

from .. import selectors
from ..exceptions import CaseNotOpen, MeetingNotOpen, TimeInPast
from ..kinds import MediationMessage
from ..models import MediationCase, Meeting, Party, TimeProposal
from . import outbox


def meeting_create(
    *,
    case: MediationCase,
    kind: str,
    parties: list[Party],
    duration_minutes: int,
    place: str = "",
) -> Meeting:
    """A meeting of the case in its current stage, waiting for times."""
    with transaction.atomic():
        if not case.is_open:
            raise CaseNotOpen
        meeting = Meeting(
            case=case, stage=case.stage, kind=kind, duration_minutes=duration_minutes, place=place
        )
        meeting.full_clean(exclude=["parties"])
        meeting.save()
        meeting.parties.set([p for p in parties if p.case_id == case.pk])
        return meeting


def meeting_propose_times(*, meeting: Meeting, starts: list[dt.datetime]) -> list[TimeProposal]:
    """Adds proposed times (each lasting the meeting's duration). Every time must be in the future
    and free in the mediator's calendar now; otherwise TimeInPast or SlotTaken, and none is added."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("case__mediator").get(pk=meeting.pk)
        if meeting.status != Meeting.Status.PROPOSED or not meeting.case.is_open:
            raise MeetingNotOpen
        now = timezone.now()
        length = dt.timedelta(minutes=meeting.duration_minutes)
        added = []
        for start in sorted(set(starts)):
            if start <= now:
                raise TimeInPast
            if not selectors.is_free(meeting.case.mediator, start, start + length):
                raise SlotTaken
            proposal, created = TimeProposal.objects.get_or_create(
                meeting=meeting, start=start, defaults={"end": start + length}
            )
            if created:
                added.append(proposal)
        return added


def meeting_send_proposals(*, meeting: Meeting) -> int:
    """Asks every invited party to mark the proposed times that suit them. Returns how many were asked."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
        if meeting.status != Meeting.Status.PROPOSED or not meeting.case.is_open:
            raise MeetingNotOpen
        if not meeting.proposals.filter(start__gt=timezone.now()).exists():
            raise TimeInPast
        meeting.proposals_sent_at = timezone.now()
        meeting.save(update_fields=["proposals_sent_at"])
        parties = list(meeting.parties.all())
        for party in parties:
            outbox.to_party(
                MediationMessage.TIMES,
                party,
                occurrence=f"{meeting.pk}-{meeting.proposals_sent_at.isoformat()}",
                context={"meeting": meeting.pk},
            )
        return len(parties)


def _queue_calendar(meeting: Meeting, method: str) -> None:
    """The meeting's calendar file to each invited party and to the mediator."""
    occurrence = f"{method}-{meeting.sequence}"
    for party in meeting.parties.all():
        message_queue(
            kind=MediationMessage.MEETING,
            target=meeting,
            recipient=party.email,
            language=party.language,
            occurrence=f"{occurrence}-p{party.pk}",
            context={"party": party.pk, "method": method},
        )
    mediator = meeting.case.mediator
    message_queue(
        kind=MediationMessage.MEETING,
        target=meeting,
        recipient=mediator.email,
        language=mediator.language,
        occurrence=f"{occurrence}-mediator",
        context={"party": None, "method": method},
    )


def meeting_book(*, meeting: Meeting, proposal: TimeProposal) -> Meeting:
    """Books the meeting at one of its proposed times: the time is taken in the mediator's calendar
    through the calendar guard (SlotTaken if it is no longer free) and everyone invited gets the
    invitation with a calendar file. All of it or nothing."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("case__mediator").get(pk=meeting.pk)
        if meeting.status != Meeting.Status.PROPOSED or not meeting.case.is_open:
            raise MeetingNotOpen
        if proposal.meeting_id != meeting.pk:
            raise MeetingNotOpen
        if proposal.start <= timezone.now():
            raise TimeInPast
        meeting.block = block_reserve(
            practitioner=meeting.case.mediator,
            start=proposal.start,
            end=proposal.end,
            kind=CalendarBlock.Kind.MEDIATION,
        )
        meeting.start, meeting.end = proposal.start, proposal.end
        meeting.status = Meeting.Status.BOOKED
        meeting.save(update_fields=["block", "start", "end", "status"])
        _queue_calendar(meeting, "REQUEST")
        return meeting


def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancels a meeting: a booked one frees its time and everyone gets a METHOD:CANCEL calendar
    file with a raised SEQUENCE; one still waiting for a time simply stops waiting."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("case__mediator", "block")
            .get(pk=meeting.pk)
        )
        if meeting.status == Meeting.Status.CANCELLED:
            return meeting
        was_booked = meeting.status == Meeting.Status.BOOKED
        meeting.status = Meeting.Status.CANCELLED
        if was_booked:
            block_release(block=meeting.block)
            meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        if was_booked:
            _queue_calendar(meeting, "CANCEL")
        return meeting
