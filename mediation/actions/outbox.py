"""The few ways mediation's actions queue its messages (their kinds: mediation/kinds.py).

No message carries confidential text: builders (mediation/messages.py) write only what happened
("you have a new answer") and a link, and they render from the rows at send time.
"""

import datetime as dt

from django.utils import timezone

from core.time import HELSINKI, local
from notifications.actions import message_queue, message_supersede

from ..kinds import MediationMessage
from ..models import MediationCase, Party

PARTY_KINDS = [
    MediationMessage.INVITATION,
    MediationMessage.FORM_REMINDER,
    MediationMessage.TIMES,
    MediationMessage.AGREEMENT,
    MediationMessage.AGREEMENT_REMINDER,
]
# The mails to the organisation's contact person about the case.
CONTACT_KINDS = [MediationMessage.COMMISSION, MediationMessage.CONTACT_LINK, MediationMessage.OUTCOME]
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


def to_mediator(kind: str, case: MediationCase, *, what: str, occurrence: str, due_at=None, context=None):
    return message_queue(
        kind=kind,
        target=case,
        recipient=case.mediator.email,
        language=case.mediator.language,
        due_at=due_at,
        occurrence=occurrence,
        context={"what": what, **(context or {})},
    )


def notify_mediator(case: MediationCase, *, what: str, ref: object, party: Party | None = None) -> None:
    """'You have a new answer' to the mediator, linking straight to that party's answers on the
    case page; one message per event."""
    to_mediator(
        MediationMessage.NEW_ANSWER,
        case,
        what=what,
        occurrence=f"{what}-{ref}-{timezone.now().timestamp()}",
        context={"party": party.pk} if party else None,
    )


def to_contact(kind: str, case: MediationCase, *, occurrence: str):
    return message_queue(
        kind=kind,
        target=case,
        recipient=case.contact_email,
        language=case.contact_language,
        occurrence=occurrence,
    )


def to_practitioner(kind: str, case: MediationCase, practitioner, *, occurrence: str, **context):
    """A message about the case to a practitioner who may not be its mediator (any more)."""
    return message_queue(
        kind=kind,
        target=case,
        recipient=practitioner.email,
        language=practitioner.language,
        occurrence=occurrence,
        context={"practitioner": practitioner.pk, **context},
    )
