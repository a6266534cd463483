"""The kinds of message mediation sends, and the few ways actions queue them.

No message carries confidential text: builders (mediation/messages.py) write only what happened
("you have a new answer") and a link, and they render from the rows at send time.
"""

import datetime as dt

from django.utils import timezone

from core.time import HELSINKI, local
from notifications.actions import message_queue, message_supersede

from ..models import MediationCase, Party

COMMISSION = "mediation_commission"  # to the contact: read and confirm the commissioning agreement
INVITATION = "mediation_invitation"  # to a party: your personal link
FORM_REMINDER = "mediation_form_reminder"  # to a party who has not submitted the form
TIMES = "mediation_times"  # to a party: mark the proposed times that suit you
MEETING = "mediation_meeting"  # to a party or the mediator: the meeting, with .ics REQUEST/CANCEL
AGREEMENT = "mediation_agreement"  # to a party: read and confirm the agreement
AGREEMENT_REMINDER = "mediation_agreement_reminder"  # to a party who has not confirmed it
CHECKIN = "mediation_checkin"  # to a party: a follow-up check-in is open
NEW_ANSWER = "mediation_new_answer"  # to the mediator: something new in the case (no content)
FOLLOWUP_DUE = "mediation_followup_due"  # to the mediator: time to propose the follow-up meeting
OUTCOME = "mediation_outcome"  # to the contact: the mediation ended, with or without an agreement

PARTY_KINDS = [INVITATION, FORM_REMINDER, TIMES, AGREEMENT, AGREEMENT_REMINDER]
REMINDER_AFTER_DAYS = 5
MORNING = dt.time(9)


def local_morning(base: dt.datetime, days: int) -> dt.datetime:
    """09.00 Helsinki time `days` calendar days after `base` (right across daylight-saving changes)."""
    day = local(base).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, MORNING, tzinfo=HELSINKI).astimezone(dt.UTC)


def to_party(kind: str, party: Party, *, occurrence: str, due_at=None, context=None, replace=False):
    queue = message_supersede if replace else message_queue
    return queue(
        kind=kind,
        target=party,
        recipient=party.email,
        language=party.language,
        due_at=due_at or timezone.now(),
        occurrence=occurrence,
        context=context,
    )


def to_mediator(kind: str, case: MediationCase, *, what: str, occurrence: str, due_at=None):
    return message_queue(
        kind=kind,
        target=case,
        recipient=case.mediator.email,
        language=case.mediator.language,
        due_at=due_at,
        occurrence=occurrence,
        context={"what": what},
    )


def notify_mediator(case: MediationCase, *, what: str, ref: object) -> None:
    """'You have a new answer' to the mediator; one message per event."""
    to_mediator(NEW_ANSWER, case, what=what, occurrence=f"{what}-{ref}-{timezone.now().timestamp()}")


def to_contact(kind: str, case: MediationCase, *, occurrence: str):
    return message_queue(
        kind=kind,
        target=case,
        recipient=case.contact_email,
        language=case.contact_language,
        occurrence=occurrence,
    )
