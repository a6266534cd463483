"""State changes of the public site: requests from organisations."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.actions import message_queue

from .models import ServiceRequest

REQUEST_RECEIVED = "services.request_received"
REQUEST_NOTIFY = "services.request_notify"
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
                kind=REQUEST_RECEIVED, target=request, recipient=request.email, language=request.language
            )
            message_queue(
                kind=REQUEST_NOTIFY,
                target=request,
                recipient=settings.PRACTICE_EMAIL,
                language=settings.LANGUAGE_CODE,
            )
    except IntegrityError:
        # The same submission won a race a moment ago: it is stored, with its messages.
        return ServiceRequest.objects.get(submission_key=request.submission_key)
    return request


def request_set_status(*, requests, status: str) -> int:
    """Moves the given requests to `status`; returns how many changed."""
    if status not in ServiceRequest.Status.values:
        raise ValueError(f"unknown status {status!r}")
    changed = ServiceRequest.objects.filter(pk__in=[r.pk for r in requests]).exclude(status=status)
    return changed.update(status=status, updated_at=timezone.now())


def request_purge_expired(*, now: dt.datetime) -> int:
    """Deletes requests received more than REQUEST_RETENTION ago; returns how many."""
    deleted, _by_model = ServiceRequest.objects.filter(created_at__lt=now - REQUEST_RETENTION).delete()
    return deleted
