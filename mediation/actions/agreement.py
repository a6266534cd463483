"""The agreement of stage 5: shown to the parties, confirmed by each through their own link."""

from django.db import transaction
from django.utils import timezone

from notifications.actions import message_cancel

from .. import stages
from ..exceptions import AgreementChanged, AgreementNotReady, CaseNotOpen, ConsentRequired
from ..kinds import MediationMessage
from ..models import Agreement, AgreementConfirmation, Party
from . import outbox


def agreement_publish(*, agreement: Agreement) -> Agreement:
    """Shows the agreement to the parties and asks each to confirm it (a reminder follows in a few
    days). Publishing a changed agreement again raises its version: earlier confirmations no longer
    count and everyone confirms the new text. Only from stage 5 on, with at least one commitment."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().select_related("case").get(pk=agreement.pk)
        case = agreement.case
        if not case.is_open:
            raise CaseNotOpen
        if not stages.agreement_publishable(case.stage) or not agreement.commitments.exists():
            raise AgreementNotReady
        now = timezone.now()
        if agreement.published_at is not None:
            agreement.version += 1
        agreement.published_at = now
        agreement.completed_at = None
        agreement.save(update_fields=["version", "published_at", "completed_at", "updated_at"])
        occurrence = f"v{agreement.version}"
        for party in case.parties.all():
            outbox.to_party(MediationMessage.AGREEMENT, party, occurrence=occurrence)
            outbox.to_party(
                MediationMessage.AGREEMENT_REMINDER,
                party,
                occurrence=occurrence,
                due_at=outbox.local_morning(now, outbox.REMINDER_AFTER_DAYS),
                replace=True,
            )
        return agreement


def agreement_confirm(*, party: Party, version: int) -> AgreementConfirmation:
    """The party confirms the version of the agreement they read. AgreementChanged if the mediator
    changed it meanwhile. When the last party confirms, the agreement is complete."""
    with transaction.atomic():
        party = Party.objects.select_related("case__mediator").get(pk=party.pk)
        if not party.case.is_open:
            raise CaseNotOpen
        if party.consent_at is None:
            raise ConsentRequired
        agreement = (
            Agreement.objects.select_for_update()
            .filter(case_id=party.case_id, published_at__isnull=False)
            .first()
        )
        if agreement is None:
            raise AgreementNotReady
        if agreement.version != version:
            raise AgreementChanged
        confirmation, created = AgreementConfirmation.objects.get_or_create(
            agreement=agreement, party=party, version=agreement.version
        )
        if created:
            confirmed = agreement.confirmations.filter(version=agreement.version).values("party").distinct()
            if confirmed.count() >= party.case.parties.count():
                agreement.completed_at = timezone.now()
                agreement.save(update_fields=["completed_at", "updated_at"])
            message_cancel(target=party, kinds=[MediationMessage.AGREEMENT_REMINDER])
            outbox.notify_mediator(party.case, what="agreement", ref=party.pk)
        return confirmation
