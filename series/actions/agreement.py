"""The supervision agreement (työnohjaussopimus) of a series: sent to the organisation's contact,
confirmed by them as it stands, changed by the practitioner (then sent again), ended early."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import InvalidState
from bookings.models import Booking
from notifications.actions import message_queue

from ..kinds import SeriesMessage
from ..models import Series, SupervisionAgreement
from .series import is_upcoming, locked_sessions, queue_practitioner, series_cancel_rest


def agreement_send(
    *, agreement: SupervisionAgreement, now: dt.datetime | None = None
) -> SupervisionAgreement:
    """(Re)sends the agreement to the contact person for confirmation; a changed agreement has to
    be confirmed again."""
    now = now or timezone.now()
    with transaction.atomic():
        agreement = SupervisionAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status in (SupervisionAgreement.Status.ENDED, SupervisionAgreement.Status.CANCELLED):
            raise InvalidState
        agreement.status = SupervisionAgreement.Status.PROPOSED
        agreement.sent_at, agreement.confirmed_at, agreement.confirmed_by = now, None, ""
        agreement.save(update_fields=["status", "sent_at", "confirmed_at", "confirmed_by", "updated_at"])
        message_queue(
            kind=SeriesMessage.AGREEMENT_TO_CONFIRM,
            target=agreement.series,
            recipient=agreement.contact_email,
            language=agreement.language,
            occurrence=now.isoformat(),
        )
        return agreement


def agreement_confirm(
    *, agreement: SupervisionAgreement, confirmed_by: str, now: dt.datetime | None = None
) -> SupervisionAgreement:
    """The organisation's contact confirms the agreement as it stands (InvalidState unless it
    waits for confirmation). The practitioner is told."""
    now = now or timezone.now()
    with transaction.atomic():
        agreement = SupervisionAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != SupervisionAgreement.Status.PROPOSED:
            raise InvalidState
        agreement.status = SupervisionAgreement.Status.CONFIRMED
        agreement.confirmed_at, agreement.confirmed_by = now, confirmed_by.strip()[:200]
        agreement.save(update_fields=["status", "confirmed_at", "confirmed_by", "updated_at"])
        series = Series.objects.select_related("practitioner").get(agreement=agreement)
        queue_practitioner(series, "agreement_confirmed", occurrence=now.isoformat())
        return agreement


def agreement_end(
    *, agreement: SupervisionAgreement, by_user, reason: str = "", now: dt.datetime | None = None
) -> SupervisionAgreement:
    """Ends the process early (either side asked, in writing): the sessions still to come are
    cancelled and the agreement is marked ended."""
    now = now or timezone.now()
    with transaction.atomic():
        agreement = SupervisionAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status in (SupervisionAgreement.Status.ENDED, SupervisionAgreement.Status.CANCELLED):
            raise InvalidState
        series = Series.objects.select_related("practitioner", "agreement").get(agreement=agreement)
        if any(is_upcoming(s, now) for s in locked_sessions(series)):
            series_cancel_rest(series=series, by_user=by_user, reason=reason, now=now)
        agreement.status, agreement.ended_at = SupervisionAgreement.Status.ENDED, now
        agreement.save(update_fields=["status", "ended_at", "updated_at"])
        return agreement


def agreement_update(*, agreement: SupervisionAgreement, changed: list[str]) -> SupervisionAgreement:
    """Saves the practitioner's edit of the agreement's terms (`agreement` carries the new values,
    `changed` names the fields). Its sessions follow its cancellation terms: a changed cutoff
    reaches every session still to come at once. A confirmed agreement that changes has to be
    sent again for confirmation (the workspace says so)."""
    with transaction.atomic():
        agreement.full_clean()
        agreement.save()
        if "cancellation_hours" in changed:
            Booking.objects.filter(series_session__series__agreement=agreement).live().update(
                cancellation_hours=agreement.cancellation_hours
            )
        return agreement


def agreement_contacts_blank(*, agreements) -> int:
    """Blanks the contact person's details and the participants of these agreements; the payer's
    invoicing identifiers stay for the accounts. Returns how many."""
    return agreements.update(
        contact_name="",
        contact_email="",
        contact_phone="",
        participants="",
        confirmed_by="",
        invoice_reference="",
    )
