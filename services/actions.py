"""State changes of the public site: requests from organisations, and the practitioner's answer."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from mediation.actions.case import case_create
from mediation.models import MediationCase
from notifications.actions import message_queue
from practice.selectors import profile

from .exceptions import AlreadyDecided, CaseAlreadyOpened, NotAMediationRequest, ReasonMissing
from .kinds import RequestMessage
from .models import ServiceRequest

OPEN = (ServiceRequest.Status.NEW, ServiceRequest.Status.IN_PROGRESS)
# Confirming and declining tell the organisation, so they are actions of their own (below).
DECISIONS = (ServiceRequest.Status.CONFIRMED, ServiceRequest.Status.DECLINED)
# Requests are working material for planning and offers; what becomes an invoice is kept by the books.
REQUEST_RETENTION = dt.timedelta(days=730)


def request_submit(*, request: ServiceRequest) -> ServiceRequest:
    """Stores a request built by a request form and queues the confirmation to the sender (in
    their language) and the notice to the practice, all in one transaction.

    Idempotent per `submission_key`: the same form sent twice (a double click, a resend after a
    timeout) stores one request and queues each message once. Raises ValidationError on bad data.
    """
    existing = ServiceRequest.objects.filter(submission_key=request.submission_key).first()
    if existing is not None:
        return existing
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
            message_queue(
                kind=RequestMessage.RECEIVED,
                target=request,
                recipient=request.email,
                language=request.language,
            )
            message_queue(
                kind=RequestMessage.NOTIFY,
                target=request,
                recipient=profile().email,
                language=settings.LANGUAGE_CODE,
            )
    except IntegrityError:
        # The same submission won a race a moment ago: it is stored, with its messages.
        return ServiceRequest.objects.get(submission_key=request.submission_key)
    return request


def request_set_status(*, requests, status: str) -> int:
    """Moves the given requests to a working status (new or in progress while open; closed from
    any); returns how many changed. Nobody is told. Confirming and declining go through request_confirm and request_decline,
    which tell the organisation."""
    if status not in ServiceRequest.Status.values or status in DECISIONS:
        raise ValueError(f"status {status!r} is not set directly (use request_confirm or request_decline)")
    changed = ServiceRequest.objects.filter(pk__in=[r.pk for r in requests]).exclude(status=status)
    if status in OPEN:
        changed = changed.filter(status__in=OPEN)  # a decision, once told, is not reopened
    return changed.update(status=status, updated_at=timezone.now())


def _decide(*, request: ServiceRequest, status: str, kind: str, by_user, note: str) -> ServiceRequest:
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == status:
            return request  # decided this way already (a second click): told once
        if request.status not in OPEN:
            raise AlreadyDecided
        request.status = status
        request.decision_note = note
        request.decided_at = timezone.now()
        request.decided_by = by_user
        request.save(update_fields=["status", "decision_note", "decided_at", "decided_by", "updated_at"])
        message_queue(kind=kind, target=request, recipient=request.email, language=request.language)
        return request


def request_confirm(*, request: ServiceRequest, by_user, note: str = "") -> ServiceRequest:
    """Confirms an open request and queues one message to its contact person, in the language they
    wrote in, with `note` (e.g. the agreed date). Confirming it again changes and sends nothing;
    a request already declined or closed raises AlreadyDecided."""
    return _decide(
        request=request,
        status=ServiceRequest.Status.CONFIRMED,
        kind=RequestMessage.CONFIRMED,
        by_user=by_user,
        note=note.strip(),
    )


def request_decline(*, request: ServiceRequest, by_user, reason: str) -> ServiceRequest:
    """Declines an open request and queues one message to its contact person, in the language they
    wrote in, with the reason (required: ReasonMissing without one). Declining it again changes and
    sends nothing; a request already confirmed or closed raises AlreadyDecided."""
    if not reason.strip():
        raise ReasonMissing
    return _decide(
        request=request,
        status=ServiceRequest.Status.DECLINED,
        kind=RequestMessage.DECLINED,
        by_user=by_user,
        note=reason.strip(),
    )


# What a case takes from the request it is opened from: the organisation, its invoicing and the contact.
CASE_FIELDS = {
    "organisation_name": "organisation_name",
    "business_id": "business_id",
    "einvoice_address": "einvoice_address",
    "einvoice_operator": "einvoice_operator",
    "postal_address": "postal_address",
    "invoice_reference": "invoice_reference",
    "contact_name": "contact_name",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_language": "language",
}


def request_open_case(*, request: ServiceRequest, mediator, title: str, by_user) -> MediationCase:
    """Opens a mediation case in stage 1 from a mediation request, with `mediator`: the organisation,
    its invoicing details and the contact person come from the request. The request's message does
    not: the mediator read it on the page that asked to open the case, and it is removed from the
    request, so that no other staff member reads it later. The request is then in progress and
    points to its case. Raises NotAMediationRequest, CaseAlreadyOpened (a second click opens no
    second case) or AlreadyDecided (declined or closed)."""
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        if request.kind != ServiceRequest.Kind.MEDIATION:
            raise NotAMediationRequest
        if request.mediation_case_id:
            raise CaseAlreadyOpened
        if request.status not in OPEN:
            raise AlreadyDecided
        details = {field: getattr(request, source) for field, source in CASE_FIELDS.items()}
        case = case_create(mediator=mediator, title=title.strip(), by_user=by_user, **details)
        request.mediation_case, request.message = case, ""
        request.status = ServiceRequest.Status.IN_PROGRESS
        request.save(update_fields=["mediation_case", "message", "status", "updated_at"])
        return case


def request_purge_expired(*, now: dt.datetime) -> int:
    """Deletes requests received more than REQUEST_RETENTION ago; returns how many."""
    deleted, _by_model = ServiceRequest.objects.filter(created_at__lt=now - REQUEST_RETENTION).delete()
    return deleted


def request_erase(*, requests) -> int:
    """Deletes these request forms (an erasure request). Returns how many."""
    deleted, _by_model = ServiceRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
    return deleted
