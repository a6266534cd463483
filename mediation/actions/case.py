"""The life of a case: opening, the commissioning agreement, moving through the stages, closing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings.actions.calendar import block_move
from notifications.actions import message_cancel
from privacy.access import Rule, may
from privacy.actions import access_change_record

from .. import selectors, stages
from ..exceptions import CaseNotOpen, CommissionTermsMissing, NotAllowed, ReasonMissing, StageNotReady
from ..kinds import MediationMessage
from ..models import Agreement, MediationCase, Meeting, StageChange, StageRecord
from . import followup, outbox
from .links import case_links_end
from .scheduling import meeting_cancel


def _locked(case: MediationCase) -> MediationCase:
    return MediationCase.objects.select_for_update().select_related("mediator").get(pk=case.pk)


def case_setup(*, case: MediationCase, by_user=None) -> MediationCase:
    """Gives a newly saved case its six stage records and the first line of its history.
    Called in the transaction that saved the case (admin wraps its save in one)."""
    with transaction.atomic():
        StageRecord.objects.bulk_create(
            [StageRecord(case=case, stage=stage) for stage in stages.Stage], ignore_conflicts=True
        )
        StageChange.objects.create(
            case=case, kind=StageChange.Kind.OPENED, from_stage=None, to_stage=case.stage, by_user=by_user
        )
    return case


def case_create(*, mediator, title: str, by_user=None, **details) -> MediationCase:
    """Opens a case in stage 1 (details: organisation, contact and commissioning fields)."""
    with transaction.atomic():
        case = MediationCase(mediator=mediator, title=title, **details)
        case.full_clean()
        case.save()
        return case_setup(case=case, by_user=by_user)


def case_send_commission(*, case: MediationCase) -> None:
    """Sends the contact person their link to read and confirm the commissioning agreement."""
    with transaction.atomic():
        case = _locked(case)
        if not case.is_open:
            raise CaseNotOpen
        if not case.commission_terms.strip():
            raise CommissionTermsMissing
        case.commission_sent_at = timezone.now()
        case.save(update_fields=["commission_sent_at", "updated_at"])
        outbox.to_contact(MediationMessage.COMMISSION, case, occurrence=case.commission_sent_at.isoformat())


def case_confirm_commission(*, case: MediationCase, name: str) -> MediationCase:
    """The contact person confirms the commissioning agreement (once; only while preparing)."""
    with transaction.atomic():
        case = _locked(case)
        if not case.is_open:
            raise CaseNotOpen
        if case.commission_confirmed_at is None:
            case.commission_confirmed_at = timezone.now()
            case.commission_confirmed_by = name.strip()[:200]
            case.save(update_fields=["commission_confirmed_at", "commission_confirmed_by", "updated_at"])
            outbox.notify_mediator(case, what="commission", ref=case.pk)
        return case


def case_advance_stage(
    *, case: MediationCase, by_user=None, note: str = "", back: bool = False, reason: str = ""
) -> MediationCase:
    """Moves the case to the next stage when the stage table's guards hold, or with `back=True`
    to the previous stage, which needs a `reason` (recorded in the history as the note). Raises
    StageNotReady with every reason it may not; see case_move_stage."""
    if back:
        return case_move_stage(case=case, to_stage=case.stage - 1, by_user=by_user, note=reason)
    return case_move_stage(case=case, to_stage=case.stage + 1, by_user=by_user, note=note)


def case_move_stage(*, case: MediationCase, to_stage: int, by_user=None, note: str = "") -> MediationCase:
    """Moves the case one stage forward (when the stage table's guards hold) or back (with a
    reason in `note`), and records who did it. Raises StageNotReady with every reason it may not.

    Entering follow-up schedules the check-ins (once per agreement: entering again makes only what
    a party has not got); leaving it cancels those not yet due.
    """
    with transaction.atomic():
        case = _locked(case)
        now = timezone.now()
        facts = selectors.case_facts(case, now=now)
        refused = stages.refusals(current=case.stage, target=to_stage, facts=facts, reason=note)
        if refused:
            raise StageNotReady(refused)
        from_stage = case.stage
        case.stage = to_stage
        case.save(update_fields=["stage", "updated_at"])
        change = StageChange.objects.create(
            case=case,
            kind=StageChange.Kind.ADVANCED if to_stage > from_stage else StageChange.Kind.BACK,
            from_stage=from_stage,
            to_stage=to_stage,
            by_user=by_user,
            note=note.strip(),
        )
        if to_stage == stages.Stage.FOLLOW_UP:
            agreement = Agreement.objects.get(case=case)
            followup.followups_schedule(case=case, agreed_at=agreement.completed_at or now, ref=change.pk)
        elif from_stage == stages.Stage.FOLLOW_UP:
            followup.followups_cancel(case=case)
        return case


def case_close(
    *, case: MediationCase, status: str, outcome: str = "", by_user=None, note: str = ""
) -> MediationCase:
    """Ends the case (closed or withdrawn): future meetings are cancelled and their times freed,
    pending messages to the parties are cancelled, party links are revoked, and the contact is told
    only whether an agreement was reached. The retention clock starts now."""
    if status not in (MediationCase.Status.CLOSED, MediationCase.Status.WITHDRAWN):
        raise ValueError(status)
    with transaction.atomic():
        case = _locked(case)
        if not case.is_open:
            raise CaseNotOpen
        now = timezone.now()
        for meeting in case.meetings.filter(status=Meeting.Status.BOOKED, start__gt=now):
            meeting_cancel(meeting=meeting)
        case.meetings.filter(status=Meeting.Status.PROPOSED).update(status=Meeting.Status.CANCELLED)
        followup.followups_cancel(case=case)
        for party in case.parties.all():
            message_cancel(target=party)
        case.status, case.outcome, case.closed_at = status, outcome, now
        case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
        StageChange.objects.create(
            case=case,
            kind=StageChange.Kind.CLOSED
            if status == MediationCase.Status.CLOSED
            else StageChange.Kind.WITHDRAWN,
            from_stage=case.stage,
            to_stage=case.stage,
            by_user=by_user,
            note=note.strip(),
        )
        case_links_end(case=case)
        outbox.to_contact(MediationMessage.OUTCOME, case, occurrence="end")
        return case


def case_remind(*, case: MediationCase) -> int:
    """Reminds now every party who has not submitted the form (while preparing) or not confirmed
    the current agreement. Returns how many reminders were queued."""
    with transaction.atomic():
        case = _locked(case)
        if not case.is_open:
            raise CaseNotOpen
        now = timezone.now()
        count = 0
        parties = list(case.parties.select_related("intake").filter(invited_at__isnull=False))
        if stages.forms_editable(case.stage):
            for party in parties:
                if selectors.intake_of(party) is None or party.intake.submitted_at is None:
                    outbox.to_party(
                        MediationMessage.FORM_REMINDER,
                        party,
                        occurrence=f"remind-{now.isoformat()}",
                        replace=True,
                    )
                    count += 1
        agreement = Agreement.objects.filter(case=case, published_at__isnull=False).first()
        if agreement is not None:
            confirmed = set(
                agreement.confirmations.filter(version=agreement.version).values_list("party_id", flat=True)
            )
            for party in parties:
                if party.pk not in confirmed:
                    outbox.to_party(
                        MediationMessage.AGREEMENT_REMINDER,
                        party,
                        occurrence=f"remind-{now.isoformat()}",
                        replace=True,
                    )
                    count += 1
        return count


def case_reassign(*, case: MediationCase, mediator, by_user, reason: str) -> MediationCase:
    """A superuser gives the case to another mediator (privacy.access.Rule.ASSIGN), with a written
    reason that is recorded (privacy.AccessChange) and mailed to both mediators. The meetings still
    ahead move to the new mediator's calendar through the calendar guard (SlotTaken if the new
    mediator is busy then: nothing changes). The content moves with the case: it stays the
    mediator's alone, now the new one's."""
    if not may(by_user, Rule.ASSIGN, case):
        raise NotAllowed
    if not reason.strip():
        raise ReasonMissing
    with transaction.atomic():
        case = _locked(case)
        previous = case.mediator
        if mediator.pk == previous.pk:
            return case
        for meeting in case.meetings.filter(
            status=Meeting.Status.BOOKED, end__gt=timezone.now()
        ).select_related("block"):
            block_move(
                block=meeting.block, start=meeting.block.start, end=meeting.block.end, practitioner=mediator
            )
        case.mediator = mediator
        case.save(update_fields=["mediator", "updated_at"])
        access_change_record(
            target=case,
            label=_("Mediation case #%(pk)s") % {"pk": case.pk},
            field="mediator",
            old=previous,
            new=mediator,
            reason=reason,
            by_user=by_user,
        )
        at = timezone.now().isoformat()
        for who, role in ((previous, "previous"), (mediator, "new")):
            outbox.to_practitioner(
                MediationMessage.REASSIGNED,
                case,
                who,
                occurrence=f"{role}-{at}",
                role=role,
                previous=previous.display_name,
                new=mediator.display_name,
                by=by_user.get_full_name() or by_user.get_username(),
                reason=reason.strip(),
            )
        return case
