"""Personal links of a case: one live link per party, and one per email to the organisation's contact.

A party's link is kept (its token encrypted at rest, privacy.links.link_kept), so every email to
the party, reminders included, carries the same live link instead of minting one more. It is
revoked when the party's address changes (a fresh invitation goes to the new one), when the
mediator revokes it, and when the case closes. The contact's link lives a while longer to show
the outcome.
"""

import datetime as dt

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.actions import message_cancel
from privacy.links import link_create, link_extend, link_kept, link_revoke

from ..exceptions import CaseNotOpen
from ..kinds import MediationLink
from ..models import MediationCase, Party
from .outbox import PARTY_KINDS

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


def party_links_revoke(*, party: Party, by_user=None) -> int:
    """Ends every link the party was sent and drops the mails still waiting to carry one; the
    next email to the party has a new link. Recorded in the case's admin history when a user did
    it. Returns how many links were revoked."""
    with transaction.atomic():
        count = link_revoke(purpose=MediationLink.PARTY, target=party)
        message_cancel(target=party, kinds=PARTY_KINDS)
        if by_user is not None:
            LogEntry.objects.create(
                user=by_user,
                content_type=ContentType.objects.get_for_model(party),
                object_id=str(party.pk),
                object_repr=str(party)[:200],
                action_flag=CHANGE,
                change_message=_("Revoked the personal links (%(count)s).") % {"count": count},
            )
        return count


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
