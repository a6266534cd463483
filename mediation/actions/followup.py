"""Stage 6: check-ins to every party at set times after the agreement; answers reach only the mediator."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from notifications.actions import message_cancel, message_queue

from ..exceptions import CaseNotOpen, ConsentRequired
from ..kinds import MediationMessage
from ..models import CheckIn, MediationCase
from . import outbox


def _next_morning(now: dt.datetime) -> dt.datetime:
    """The first 09.00 Helsinki time from `now` on."""
    today = outbox.local_morning(now, 0)
    return today if today >= now else outbox.local_morning(now, 1)


def followups_schedule(*, case: MediationCase, agreed_at: dt.datetime, ref: object) -> list[CheckIn]:
    """Once per agreement, for every party: a check-in `checkin_after_days` and a follow-up meeting
    question `followup_meeting_after_days` after the agreement (09.00 Helsinki time), each with its
    message; the mediator is reminded to propose the follow-up meeting with the meeting questions.

    Entering follow-up again (after a move back) makes only what a party has not got: a kind the
    party has (answered, or already sent) is never made twice, and one whose time passed while
    the case was elsewhere is due the next morning, never in the past. Returns the new check-ins."""
    now = timezone.now()
    has = set(case.checkins.values_list("party_id", "kind"))
    checkins = []
    for party in case.parties.all():
        for kind, days in (
            (CheckIn.Kind.CHECKIN, case.checkin_after_days),
            (CheckIn.Kind.MEETING, case.followup_meeting_after_days),
        ):
            if (party.pk, kind) in has:
                continue
            due_at = max(outbox.local_morning(agreed_at, days), _next_morning(now))
            checkin = CheckIn.objects.create(case=case, party=party, kind=kind, due_at=due_at)
            message_queue(
                kind=MediationMessage.CHECKIN,
                target=checkin,
                recipient=party.email,
                language=party.language,
                due_at=checkin.due_at,
            )
            checkins.append(checkin)
    meeting_questions = [c.due_at for c in checkins if c.kind == CheckIn.Kind.MEETING]
    if meeting_questions:
        outbox.to_mediator(
            MediationMessage.FOLLOWUP_DUE,
            case,
            what="followup",
            occurrence=str(ref),
            due_at=min(meeting_questions),
        )
    return checkins


def followups_cancel(*, case: MediationCase) -> int:
    """Drops the check-ins not yet due (and their messages). Answered ones stay, and so do those
    whose time has come: their party has been sent the link and may still answer."""
    pending = list(case.checkins.filter(answered_at__isnull=True, due_at__gt=timezone.now()))
    for checkin in pending:
        message_cancel(target=checkin)
        checkin.delete()
    message_cancel(target=case, kinds=[MediationMessage.FOLLOWUP_DUE])
    return len(pending)


def checkin_answer(*, checkin: CheckIn, holding: str, changed: str, wants_meeting: str) -> CheckIn:
    """Stores the party's answers (encrypted) and tells the mediator there is a new answer.
    The party may change their answer while the case is open."""
    with transaction.atomic():
        checkin = (
            CheckIn.objects.select_for_update().select_related("case__mediator", "party").get(pk=checkin.pk)
        )
        if not checkin.case.is_open:
            raise CaseNotOpen
        if checkin.party.consent_at is None:
            raise ConsentRequired
        checkin.holding, checkin.changed = holding.strip(), changed.strip()
        checkin.wants_meeting = wants_meeting
        checkin.answered_at = timezone.now()
        checkin.save(update_fields=["holding", "changed", "wants_meeting", "answered_at"])
        outbox.notify_mediator(checkin.case, what="checkin", ref=checkin.pk, party=checkin.party)
        return checkin
