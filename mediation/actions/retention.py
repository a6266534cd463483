"""Retention: the content of a closed case is purged MEDIATION_RETENTION_DAYS after it closed.

What stays is the minimum record: the case row with its dates, organisation and invoicing details,
price, stages and outcome; the stage history (who moved it, when; notes emptied); the meetings'
kinds and times. What goes: parties (and with them their forms, marks, confirmations and
check-ins), the contact person, the agreement, the mediator's notes and documents, the title and
the commissioning text, and the names admin's history (django_admin_log) kept of them.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.actions import message_cancel
from privacy.actions import admin_log_scrub
from privacy.links import link_revoke

from ..kinds import MediationLink
from ..models import MediationCase, StageChange, StageRecord, TimeProposal

logger = logging.getLogger("mediation.retention")


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=settings.MEDIATION_RETENTION_DAYS)


def case_purge(*, case: MediationCase) -> MediationCase:
    """Removes the content of one closed case, keeping the minimum record. Idempotent."""
    if case.is_open:
        raise ValueError("An open case is never purged.")
    with transaction.atomic():
        case = MediationCase.objects.select_for_update().get(pk=case.pk)
        # Admin's history names the case by its title and the parties by theirs: scrubbed too.
        admin_log_scrub(
            [
                case,
                *case.parties.all(),
                *case.documents.all(),
                *case.checkins.all(),
                *case.meetings.all(),
                *([case.agreement] if hasattr(case, "agreement") else []),
            ]
        )
        for party in case.parties.all():
            link_revoke(purpose=MediationLink.PARTY, target=party)
            message_cancel(target=party)
        link_revoke(purpose=MediationLink.CONTACT, target=case)
        case.parties.all().delete()
        case.documents.all().delete()
        case.checkins.all().delete()
        if hasattr(case, "agreement"):
            case.agreement.delete()
        TimeProposal.objects.filter(meeting__case=case).delete()
        case.meetings.update(place="")
        StageRecord.objects.filter(case=case).update(notes="")
        StageChange.objects.filter(case=case).update(note="")
        case.title = f"#{case.pk}"
        case.contact_name = case.contact_email = case.contact_phone = ""
        case.commission_terms = ""
        case.commission_confirmed_by = ""
        case.purged_at = timezone.now()
        case.save()
        return case


def purge_due(now: dt.datetime) -> int:
    """Purges every closed case whose retention time has passed; returns how many. Logs counts only."""
    due = MediationCase.objects.filter(
        status__in=[MediationCase.Status.CLOSED, MediationCase.Status.WITHDRAWN],
        closed_at__lte=retention_cutoff(now),
        purged_at__isnull=True,
    )
    count = 0
    for case in due:
        case_purge(case=case)
        count += 1
    if count:
        logger.info("retention: purged the content of %d closed mediation case(s)", count)
    return count


def party_erase(*, parties: list) -> int:
    """Removes these parties with everything they wrote (answers, votes, confirmations, check-ins).
    Returns how many parties."""
    with transaction.atomic():
        for party in parties:
            party.delete()
    return len(parties)


def case_contact_erase(*, cases: list[MediationCase]) -> int:
    """Blanks the commissioning contact person's details of these cases. Returns how many."""
    return MediationCase.objects.filter(pk__in=[case.pk for case in cases]).update(
        contact_name="", contact_email="", contact_phone=""
    )
