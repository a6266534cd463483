"""What a party does through their link, and inviting them: consent, the pre-session form, times."""

from django.db import transaction
from django.utils import timezone

from notifications.actions import message_cancel

from .. import stages
from ..exceptions import CaseNotOpen, ConsentRequired, FormLocked, MeetingNotOpen
from ..kinds import MediationMessage
from ..models import Intake, Meeting, Party, TimeProposal, TimeVote
from . import outbox
from .links import links_revoke


def _locked(party: Party) -> Party:
    return Party.objects.select_for_update().select_related("case__mediator").get(pk=party.pk)


def _active(party: Party) -> Party:
    """The locked party of an open case who has consented."""
    party = _locked(party)
    if not party.case.is_open:
        raise CaseNotOpen
    if party.consent_at is None:
        raise ConsentRequired
    return party


def party_invite(*, party: Party) -> Party:
    """Sends the party their invitation (with a fresh personal link) and plans a reminder in a few
    days, which is dropped if the form is in by then. Inviting again resends both."""
    with transaction.atomic():
        party = _locked(party)
        if not party.case.is_open:
            raise CaseNotOpen
        now = timezone.now()
        party.invited_at = now
        party.save(update_fields=["invited_at"])
        occurrence = f"invite-{now.isoformat()}"
        outbox.to_party(MediationMessage.INVITATION, party, occurrence=occurrence)
        if stages.forms_editable(party.case.stage):
            outbox.to_party(
                MediationMessage.FORM_REMINDER,
                party,
                occurrence=occurrence,
                due_at=outbox.local_morning(now, outbox.REMINDER_AFTER_DAYS),
                replace=True,
            )
        return party


def party_email_changed(*, party: Party, by_user=None) -> Party:
    """After the party's address was corrected (the row already holds the new one): every link
    sent to the old address is revoked and the mails still waiting for it are dropped; a party
    who had been invited gets a fresh invitation, with a new link, at the new address."""
    with transaction.atomic():
        party = _locked(party)
        links_revoke(person=party, by_user=by_user)
        if party.invited_at is not None and party.case.is_open:
            party = party_invite(party=party)
        return party


def party_consent(*, party: Party) -> Party:
    """Records the party's informed, voluntary consent (once)."""
    with transaction.atomic():
        party = _locked(party)
        if not party.case.is_open:
            raise CaseNotOpen
        if party.consent_at is None:
            party.consent_at = timezone.now()
            party.save(update_fields=["consent_at"])
        return party


def intake_save(*, party: Party, answers: dict[str, str], submit: bool) -> Intake:
    """Saves the party's pre-session form as a draft, or submits it to the mediator (who is told
    only that there is a new answer). Refused before consent and once the opening session began."""
    with transaction.atomic():
        party = _active(party)
        if not stages.forms_editable(party.case.stage):
            raise FormLocked
        intake, _created = Intake.objects.get_or_create(party=party)
        for name in Intake.ANSWER_FIELDS:
            setattr(intake, name, (answers.get(name) or "").strip())
        if submit:
            intake.submitted_at = timezone.now()
        intake.save()
        if submit:
            message_cancel(target=party, kinds=[MediationMessage.FORM_REMINDER])
            outbox.notify_mediator(party.case, what="form", ref=party.pk, party=party)
        return intake


def party_mark_times(*, party: Party, marks: dict[int, set[int]]) -> None:
    """Replaces the party's marks on each meeting's proposed times (meeting id → proposal ids that
    suit). Only meetings the party is invited to and that still wait for a time can be marked;
    the mediator is told once that there is a new answer."""
    with transaction.atomic():
        party = _active(party)
        meetings = {
            m.pk: m
            for m in party.meetings.filter(
                pk__in=marks, status=Meeting.Status.PROPOSED, case_id=party.case_id
            )
        }
        if set(marks) - set(meetings):
            raise MeetingNotOpen
        for meeting_pk, proposal_ids in marks.items():
            valid = set(
                TimeProposal.objects.filter(meeting_id=meeting_pk, pk__in=proposal_ids).values_list(
                    "pk", flat=True
                )
            )
            TimeVote.objects.filter(party=party, proposal__meeting_id=meeting_pk).exclude(
                proposal_id__in=valid
            ).delete()
            TimeVote.objects.bulk_create(
                [TimeVote(party=party, proposal_id=pk) for pk in valid], ignore_conflicts=True
            )
        if marks:
            outbox.notify_mediator(party.case, what="times", ref=party.pk, party=party)
