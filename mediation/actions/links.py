"""Personal links of a case: one live link per party, and one per email to the organisation's contact.

A party's link is kept (its token encrypted at rest, privacy.links.link_kept), so every email to
the party, reminders included, carries the same live link instead of minting one more. It is
revoked when the party's address changes (a fresh invitation goes to the new one), when the
mediator revokes it, and when the case closes. The contact's link lives a while longer to show
the outcome; a corrected contact address ends the contact's links the same way (links_revoke is
the one path for both) and sends the new address a fresh link.
"""

import datetime as dt

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.actions import message_cancel, messages_cancel, messages_readdress
from notifications.models import Message
from privacy.links import link_create, link_extend, link_kept, link_revoke

from ..exceptions import CaseNotOpen
from ..kinds import MediationLink, MediationMessage
from ..models import CheckIn, MediationCase, Meeting, Party
from . import outbox
from .outbox import CONTACT_KINDS, PARTY_KINDS

LINK_LIFETIME = dt.timedelta(days=365)  # an open case's links; closing the case ends them sooner
CONTACT_LINK_AFTER_CLOSE = dt.timedelta(days=30)


def party_link_issue(*, party: Party) -> str:
    """The party's live personal link (its token), made now if the party has none. Refused for a
    closed case."""
    if not party.case.is_open:
        raise CaseNotOpen
    return link_kept(purpose=MediationLink.PARTY, target=party) or link_create(
        purpose=MediationLink.PARTY, target=party, expires_at=timezone.now() + LINK_LIFETIME, keep=True
    )


# A person who is sent links: a party, or a case standing for its organisation's contact person.
Person = Party | MediationCase


def _about(model, ids, **more) -> Q:
    return Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids, **more)


def _waiting_for_old_address(person: Person) -> tuple[QuerySet[Message], str]:
    """Every message for this person about this case, of any kind, addressed to an address that
    is no longer theirs (a party's own mails, their meeting invitations and check-ins; the
    contact's mails about the case), and the address that is theirs now."""
    if isinstance(person, Party):
        meetings = Meeting.objects.filter(case_id=person.case_id).values("pk")
        scope = (
            _about(Party, [person.pk])
            | _about(Meeting, meetings, context__party=person.pk)
            | _about(CheckIn, CheckIn.objects.filter(party=person).values("pk"))
        )
        address = person.email
    else:
        scope = _about(MediationCase, [person.pk], kind__in=CONTACT_KINDS)
        address = person.contact_email
    return Message.objects.filter(scope).exclude(recipient__iexact=address), address


def links_revoke(*, person: Person, by_user=None) -> int:
    """Ends every link the person (a party, or the case's contact person) was sent and drops the
    mails still waiting to carry one; every other mail still waiting for an address that is no
    longer theirs goes to their address now. The next email to them has a new link. Recorded in the admin history when a
    user did it. Returns how many links were revoked."""
    party = isinstance(person, Party)
    with transaction.atomic():
        count = link_revoke(purpose=MediationLink.PARTY if party else MediationLink.CONTACT, target=person)
        message_cancel(target=person, kinds=PARTY_KINDS if party else CONTACT_KINDS)
        # What still waits for the old address follows the person to the new one (a meeting's
        # invitation, a check-in months ahead); a failed one is not sent again to the old address.
        old, address = _waiting_for_old_address(person)
        if address:
            messages_readdress(messages=old, recipient=address)
        messages_cancel(messages=old)
        if by_user is not None:
            if party:
                note = _("Revoked the personal links (%(count)s).")
            else:
                note = _("Revoked the contact person's personal links (%(count)s).")
            LogEntry.objects.create(
                user=by_user,
                content_type=ContentType.objects.get_for_model(person),
                object_id=str(person.pk),
                object_repr=str(person)[:200],
                action_flag=CHANGE,
                change_message=note % {"count": count},
            )
        return count


def contact_link_lives(case: MediationCase) -> bool:
    """Whether a new contact link would still open the case's page (an open case, or one closed
    less than a month ago)."""
    return case.is_open or case.closed_at + CONTACT_LINK_AFTER_CLOSE > timezone.now()


def contact_email_changed(*, case: MediationCase, by_user=None) -> bool:
    """After the contact person's address was corrected (the row already holds the new one): as
    for a party, every link sent to the old address is revoked and the mails still waiting for it
    are dropped; a contact who had been sent a link gets a fresh one at the new address. Returns
    whether one was queued."""
    with transaction.atomic():
        case = MediationCase.objects.select_for_update().get(pk=case.pk)
        links_revoke(person=case, by_user=by_user)
        if case.commission_sent_at is None or not case.contact_email or not contact_link_lives(case):
            return False
        outbox.to_contact(
            MediationMessage.CONTACT_LINK, case, occurrence=f"readdressed-{timezone.now().isoformat()}"
        )
        return True


def contact_link_issue(*, case: MediationCase) -> str:
    """A new link for the organisation's contact person: the commissioning agreement, the schedule
    and, at the end, whether an agreement was reached."""
    expires_at = timezone.now() + LINK_LIFETIME if case.is_open else case.closed_at + CONTACT_LINK_AFTER_CLOSE
    return link_create(purpose=MediationLink.CONTACT, target=case, expires_at=expires_at)


def case_links_end(*, case: MediationCase) -> None:
    """When a case ends: every party link is revoked; the contact's links expire in a month."""
    for party in case.parties.all():
        link_revoke(purpose=MediationLink.PARTY, target=party)
    link_extend(
        purpose=MediationLink.CONTACT, target=case, expires_at=case.closed_at + CONTACT_LINK_AFTER_CLOSE
    )
