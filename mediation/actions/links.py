"""Personal links of a case: one per email to a party, one per email to the organisation's contact.

Tokens are never stored (privacy.links keeps their SHA-256 only), so every email that carries a
link issues a fresh one at send time; earlier links keep working until the case ends. Party links
are revoked when the case closes; the contact's link lives a while longer to show the outcome.
"""

import datetime as dt

from django.utils import timezone

from privacy.links import link_create, link_extend, link_revoke

from ..exceptions import CaseNotOpen
from ..kinds import MediationLink
from ..models import MediationCase, Party

LINK_LIFETIME = dt.timedelta(days=365)  # an open case's links; closing the case ends them sooner
CONTACT_LINK_AFTER_CLOSE = dt.timedelta(days=30)


def party_link_issue(*, party: Party) -> str:
    """A new personal link for the party (the token, only known now). Refused for a closed case."""
    if not party.case.is_open:
        raise CaseNotOpen
    return link_create(purpose=MediationLink.PARTY, target=party, expires_at=timezone.now() + LINK_LIFETIME)


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
