"""Reads of mediation cases, with their queries decided. Portal reads are always scoped to one party."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from bookings import selectors as booking_selectors
from bookings.availability import Busy, Rules, Slot, free_slots
from bookings.models import CalendarBlock, Practitioner, WeeklyHours
from privacy.access import Rule, may
from privacy.models import PersonalLink

from . import stages
from .access import in_view_of, mediated_by
from .exceptions import REFUSAL_MESSAGES
from .models import (
    Agreement,
    AgreementConfirmation,
    CheckIn,
    Intake,
    MediationCase,
    Meeting,
    Party,
    Stage,
    StageRecord,
    TimeProposal,
    TimeVote,
)


def cases_managed_by(user) -> QuerySet[MediationCase]:
    """The cases `user` mediates (privacy.access: the case's mediator alone manages it)."""
    if not may(user, Rule.CASE_MANAGE):
        return MediationCase.objects.none()
    return MediationCase.objects.select_related("mediator").filter(mediated_by(user))


def cases_in_view_of(user) -> QuerySet[MediationCase]:
    """The cases in `user`'s list: their own, or every case's overview for a superuser."""
    if not may(user, Rule.CASE_OVERVIEW):
        return MediationCase.objects.none()
    return MediationCase.objects.select_related("mediator").filter(in_view_of(user))


def case_facts(case: MediationCase, *, now: dt.datetime | None = None) -> stages.Facts:
    """What the stage guards look at. 4 queries."""
    now = now or timezone.now()
    counts = Party.objects.filter(case=case).aggregate(
        total=Count("pk"),
        consented=Count("pk", filter=Q(consent_at__isnull=False)),
        submitted=Count("pk", filter=Q(intake__submitted_at__isnull=False)),
    )
    held = Meeting.objects.filter(case=case, status=Meeting.Status.BOOKED, start__lte=now).count()
    agreement = Agreement.objects.filter(case=case).annotate(commitment_count=Count("commitments")).first()
    confirmations = 0
    if agreement is not None:
        confirmations = (
            AgreementConfirmation.objects.filter(agreement=agreement, version=agreement.version)
            .values("party")
            .distinct()
            .count()
        )
    return stages.Facts(
        is_open=case.is_open,
        commission_confirmed=case.commission_confirmed_at is not None,
        parties=counts["total"],
        parties_consented=counts["consented"],
        forms_submitted=counts["submitted"],
        meetings_held=held,
        agreement_published=bool(
            agreement and agreement.published_at is not None and agreement.commitment_count > 0
        ),
        agreement_confirmations=confirmations,
    )


def party_for_portal(party_pk: int) -> Party:
    """The party with their case, mediator and form: one query."""
    return Party.objects.select_related("case__mediator", "intake").get(pk=party_pk)


def intake_of(party: Party):
    try:
        return party.intake
    except Party.intake.RelatedObjectDoesNotExist:
        return None


@dataclass
class OpenMeeting:
    meeting: Meeting
    proposals: list[TimeProposal]
    chosen: set[int]  # proposal ids this party marked


def open_meetings_for(party: Party, *, now: dt.datetime | None = None) -> list[OpenMeeting]:
    """Meetings this party is invited to that wait for a time, with the future proposals and the
    party's own marks (never anyone else's). 3 queries."""
    now = now or timezone.now()
    meetings = list(
        party.meetings.filter(status=Meeting.Status.PROPOSED, proposals_sent_at__isnull=False)
        .order_by("created_at")
        .prefetch_related(
            Prefetch("proposals", queryset=TimeProposal.objects.filter(start__gt=now).order_by("start"))
        )
    )
    chosen = set(
        TimeVote.objects.filter(party=party, proposal__meeting__in=meetings).values_list(
            "proposal_id", flat=True
        )
    )
    return [
        OpenMeeting(m, list(m.proposals.all()), {p.pk for p in m.proposals.all()} & chosen)
        for m in meetings
        if m.proposals.all()
    ]


def booked_meetings_for(party: Party) -> list[Meeting]:
    return list(party.meetings.filter(status=Meeting.Status.BOOKED).order_by("start"))


def booked_meeting_for(party: Party, uid) -> Meeting | None:
    return (
        party.meetings.filter(status__in=[Meeting.Status.BOOKED, Meeting.Status.CANCELLED], uid=uid)
        .select_related("case__mediator")
        .first()
    )


def published_agreement_for(party: Party, *, commitments: bool = True) -> Agreement | None:
    """The case's agreement once it is shown to the parties (with its commitments: 2 queries)."""
    agreements = Agreement.objects.filter(case_id=party.case_id, published_at__isnull=False)
    return (agreements.prefetch_related("commitments") if commitments else agreements).first()


def has_confirmed(party: Party, agreement: Agreement) -> AgreementConfirmation | None:
    return AgreementConfirmation.objects.filter(
        agreement=agreement, party=party, version=agreement.version
    ).first()


def due_checkins(party: Party, *, now: dt.datetime | None = None) -> list[CheckIn]:
    now = now or timezone.now()
    return list(CheckIn.objects.filter(party=party, due_at__lte=now).order_by("due_at"))


def checkin_for(party: Party, pk: int, *, now: dt.datetime | None = None) -> CheckIn | None:
    """The party's own due check-in, or None (someone else's or a future one looks the same)."""
    now = now or timezone.now()
    return CheckIn.objects.filter(party=party, pk=pk, due_at__lte=now).first()


def schedule_for_contact(case: MediationCase) -> list[Meeting]:
    """Booked meetings: their kind and time only, as the organisation's contact may see them."""
    return list(
        Meeting.objects.filter(case=case, status=Meeting.Status.BOOKED)
        .only("kind", "start", "end", "case_id")
        .order_by("start")
    )


@dataclass
class OverlapRow:
    proposal: TimeProposal
    marked_by: list[Party]
    suits_all: bool
    taken: bool  # the time has since been taken in the mediator's calendar


def overlap(meeting: Meeting) -> list[OverlapRow]:
    """Each proposed time with the invited parties who marked it, best first. 4 queries."""
    invited = list(meeting.parties.order_by("pk"))
    invited_ids = {p.pk for p in invited}
    proposals = list(
        meeting.proposals.order_by("start").prefetch_related(
            Prefetch("votes", queryset=TimeVote.objects.select_related("party").order_by("party_id"))
        )
    )
    busy = Busy(
        CalendarBlock.objects.filter(
            practitioner_id=meeting.case.mediator_id,
            active=True,
            start__lt=max((p.end for p in proposals), default=timezone.now()),
            end__gt=min((p.start for p in proposals), default=timezone.now()),
        ).values_list("start", "end")
    )
    rows = []
    for proposal in proposals:
        marked = [v.party for v in proposal.votes.all() if v.party_id in invited_ids]
        rows.append(
            OverlapRow(
                proposal=proposal,
                marked_by=marked,
                suits_all=bool(invited) and len(marked) == len(invited),
                taken=busy.overlaps(proposal.start, proposal.end),
            )
        )
    rows.sort(key=lambda r: (r.taken, not r.suits_all, -len(r.marked_by), r.proposal.start))
    return rows


def free_times(
    mediator: Practitioner,
    *,
    first_day: dt.date,
    last_day: dt.date,
    duration: dt.timedelta,
    step: dt.timedelta = dt.timedelta(minutes=30),
    now: dt.datetime | None = None,
    modality: str | None = None,
) -> list[Slot]:
    """Free start times in the mediator's own calendar (weekly hours, exceptions, holidays, every
    taken block), computed by bookings' availability; with `modality` (a meeting's, from its
    place) only hours open for it: an in-person meeting is not offered online-only hours. 4 queries."""
    now = now or timezone.now()
    mediator = Practitioner.objects.prefetch_related(
        Prefetch("weekly_hours", queryset=WeeklyHours.objects.order_by("weekday", "start_time"))
    ).get(pk=mediator.pk)
    [calendar] = booking_selectors.calendars_for([mediator], first_day, last_day)
    rules = Rules(duration=duration, step=step, horizon=dt.timedelta(days=(last_day - now.date()).days + 2))
    return free_slots(
        hours=calendar.hours,
        busy=calendar.busy,
        rules=rules,
        first_day=first_day,
        last_day=last_day,
        now=now,
        modality=modality,
    )


def is_free(mediator: Practitioner, start: dt.datetime, end: dt.datetime) -> bool:
    return not CalendarBlock.objects.filter(
        practitioner=mediator, active=True, start__lt=end, end__gt=start
    ).exists()


# --- the mediator's desk --------------------------------------------------------------------------


@dataclass
class PartyRow:
    party: Party
    form_submitted_at: dt.datetime | None
    times_marked: bool  # has marked times in a poll that waits for them
    link_last_used_at: dt.datetime | None
    answers: list[tuple[str, str]]  # the submitted pre-session answers; empty unless content is shown
    checkins: list[CheckIn]  # answered follow-up check-ins; empty unless content is shown


@dataclass
class Desk:
    case: MediationCase
    facts: stages.Facts
    next_stage: str
    previous_stage: str
    blockers: list[str]  # what stands before the next stage (translated)
    parties: list[PartyRow]
    meetings: list[Meeting]
    agreement: Agreement | None
    confirmed_by: set[int]  # parties who confirmed the agreement's current version
    records: list[StageRecord]  # the mediator's notes per stage; empty unless content is shown
    documents: list
    history: list
    show_content: bool


def case_desk(case: MediationCase, *, show_content: bool, now: dt.datetime | None = None) -> Desk:
    """Everything the case page shows, in a fixed number of queries whatever the case holds. The
    parties' answers, check-ins, notes and documents are read (and decrypted) only with
    `show_content`, which privacy.access grants the case's mediator alone; drafts a party has not
    sent are never read."""
    now = now or timezone.now()
    facts = case_facts(case, now=now)
    following, previous = stages.next_stage(case.stage), stages.previous_stage(case.stage)
    parties = list(case.parties.select_related("intake").order_by("pk"))
    marked = set(
        TimeVote.objects.filter(
            party__case=case, proposal__meeting__status=Meeting.Status.PROPOSED
        ).values_list("party_id", flat=True)
    )
    last_used = dict(
        PersonalLink.objects.filter(
            target_type__app_label="mediation",
            target_type__model="party",
            target_id__in=[p.pk for p in parties],
        )
        .values("target_id")
        .annotate(last=Max("last_used_at"))
        .values_list("target_id", "last")
    )
    checkins: dict[int, list[CheckIn]] = {p.pk: [] for p in parties}
    if show_content:
        for checkin in CheckIn.objects.filter(case=case, answered_at__isnull=False).order_by("answered_at"):
            checkins[checkin.party_id].append(checkin)
    rows = []
    for party in parties:
        intake = intake_of(party)
        submitted = intake.submitted_at if intake else None
        answers = []
        if show_content and submitted:
            answers = [
                (str(Intake._meta.get_field(name).verbose_name), value)
                for name in Intake.ANSWER_FIELDS
                if (value := getattr(intake, name))
            ]
        rows.append(
            PartyRow(
                party, submitted, party.pk in marked, last_used.get(party.pk), answers, checkins[party.pk]
            )
        )
    agreement = Agreement.objects.filter(case=case).prefetch_related("commitments").first()
    confirmed = (
        set(
            AgreementConfirmation.objects.filter(agreement=agreement, version=agreement.version).values_list(
                "party_id", flat=True
            )
        )
        if agreement
        else set()
    )
    return Desk(
        case=case,
        facts=facts,
        next_stage=Stage(following).label if following else "",
        previous_stage=Stage(previous).label if previous else "",
        blockers=[REFUSAL_MESSAGES[r] for r in stages.entry_refusals(following, facts)] if following else [],
        parties=rows,
        meetings=list(case.meetings.order_by("start", "created_at")),
        agreement=agreement,
        confirmed_by=confirmed,
        records=list(case.records.order_by("stage")) if show_content else [],
        documents=list(case.documents.only("pk", "stage", "name", "size", "uploaded_at"))
        if show_content
        else [],
        history=list(case.stage_changes.select_related("by_user").order_by("-at", "-pk")),
        show_content=show_content,
    )
