"""Organisations' request forms in the practitioner's "Requests waiting" list (bookings' workspace).

Registered from ServicesConfig.ready(): bookings never imports services.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from bookings.admin.workspace import DecisionRefused, Waiting, WaitingSource, register_waiting_source
from core.formats import format_date

from . import actions
from .exceptions import RequestError
from .models import ServiceRequest

OPEN_REQUESTS = (ServiceRequest.Status.NEW, ServiceRequest.Status.IN_PROGRESS)


def request_row(r: ServiceRequest) -> Waiting:
    dates = []
    for value in r.preferred_dates or []:
        try:
            dates.append(format_date(dt.date.fromisoformat(str(value))))
        except ValueError:
            dates.append(str(value))
    details = [(_("Contact person"), r.contact_name)]
    for label, value in (
        (_("Topic"), r.topic),
        (_("Occasion"), r.occasion),
        (_("Number of people"), r.group_size),
        (_("Place"), r.get_place_display() + (f", {r.address}" if r.address else "")),
        (_("Message"), r.message),
    ):
        if value:
            details.append((label, str(value)))
    return Waiting(
        key=f"request:{r.pk}",
        kind_label=_("Request form"),
        who=r.organisation_name,
        what=r.get_kind_display(),
        when=", ".join(dates) + (f" ({r.time_preference})" if r.time_preference else ""),
        received=r.created_at,
        email=r.email,
        url=reverse("admin:services_servicerequest_change", args=[r.pk]),
        is_request_form=True,
        details=details,
    )


def rows() -> list[Waiting]:
    return [request_row(r) for r in ServiceRequest.objects.filter(status__in=OPEN_REQUESTS)]


def decide(request, pk: int, *, confirm: bool, note: str, reason: str) -> str:
    service_request = get_object_or_404(ServiceRequest, pk=pk)
    try:
        if confirm:
            actions.request_confirm(request=service_request, by_user=request.user, note=note)
        else:
            actions.request_decline(request=service_request, by_user=request.user, reason=reason)
    except RequestError as exc:
        raise DecisionRefused(f"{service_request.organisation_name}: {exc.message}") from exc
    text = (
        _("%(organisation)s: confirmed. The contact person is told by email.")
        if confirm
        else _("%(organisation)s: declined. The contact person is told by email, with the reason.")
    )
    return text % {"organisation": service_request.organisation_name}


def register() -> None:
    register_waiting_source(
        WaitingSource(kind="request", permission="services.change_servicerequest", rows=rows, decide=decide)
    )
