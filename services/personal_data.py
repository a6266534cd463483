"""The personal data of requests, registered with privacy (find, export, erase, retention)."""

from django.forms.models import model_to_dict

from privacy.registry import PersonalData, register

from . import actions
from .models import ServiceRequest

EXPORTED = [
    "kind",
    "organisation_name",
    "business_id",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "preferred_dates",
    "time_preference",
    "place",
    "address",
    "group_size",
    "topic",
    "occasion",
    "invoicing",
    "einvoice_address",
    "einvoice_operator",
    "postal_address",
    "invoice_reference",
    "message",
    "decision_note",
]


def _export(requests) -> list[dict]:
    return [
        {"received": request.created_at.isoformat(), **model_to_dict(request, fields=EXPORTED)}
        for request in requests
    ]


def register_all() -> None:
    register(
        PersonalData(
            name="service_requests",
            find=lambda email: ServiceRequest.objects.filter(email__iexact=email),
            export=_export,
            erase=lambda requests: actions.request_erase(requests=requests),
            purge_due=lambda now: actions.request_purge_expired(now=now),
            retention="24 months after the request was received",
        )
    )
