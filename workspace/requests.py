"""Requests waiting: booking requests and organisations' request forms in one list, each confirmed
or declined with one button; either way the client (or the organisation's contact) is told through
the outbox."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.actions.booking import booking_confirm, booking_decline
from bookings.models import Booking
from core.exceptions import DomainError
from core.formats import format_date, format_when
from privacy.access import Rule, may
from services.actions import request_confirm, request_decline
from services.exceptions import RequestError
from services.models import ServiceRequest

from .calendar import require
from .forms import DecisionForm


@dataclass
class Waiting:
    """A booking request or an organisation's request form, as one row of the list."""

    key: str
    kind_label: str
    who: str
    what: str
    when: str
    received: dt.datetime
    email: str
    url: str
    is_request_form: (
        bool  # an organisation's request: the decision can carry a message, declining needs a reason
    )
    details: list[tuple[str, str]] = field(default_factory=list)


def _booking_row(b: Booking) -> Waiting:
    details = [
        (_("Practitioner"), b.practitioner.display_name),
        (_("Way of meeting"), b.get_modality_display()),
    ]
    if b.group_size > 1:
        details.append((_("Participants"), str(b.group_size)))
    if b.organisation_name:
        details.append((_("Organisation"), f"{b.organisation_name} ({b.business_id})"))
    if b.notes:
        details.append((_("Message"), b.notes))
    return Waiting(
        key=f"booking:{b.pk}",
        kind_label=_("Booking request"),
        who=b.client_name,
        what=b.session_type.name,
        when=format_when(b.start, b.end),
        received=b.created_at,
        email=b.email,
        url=reverse("admin:bookings_booking_change", args=[b.pk]),
        is_request_form=False,
        details=details,
    )


@dataclass(frozen=True)
class WaitingSource:
    """Another app's requests in the list besides the booking requests (SOURCES, below)."""

    kind: str  # the key prefix of its rows, e.g. "request"
    permission: str  # needed to see and decide them
    rows: Callable[..., list[Waiting]]  # (user) → the rows it may see
    # (django request, pk, confirm, note, reason) → the success message; raises DecisionRefused
    decide: Callable[..., str]


class DecisionRefused(Exception):
    """A source's domain error, with a message safe to show."""


# --- organisations' request forms (services) ------------------------------------------------------

OPEN_REQUESTS = (ServiceRequest.Status.NEW, ServiceRequest.Status.IN_PROGRESS)


def _request_row(r: ServiceRequest, user) -> Waiting:
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
        (_("Message"), _message(r, user)),
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


def _message(r: ServiceRequest, user) -> str:
    """A mediation request's message tells of a conflict: the mediators read it, other staff don't."""
    if r.kind == ServiceRequest.Kind.MEDIATION and not may(user, Rule.CASE_MANAGE):
        return _("(shown to the mediators only)") if r.message else ""
    return r.message


def _request_rows(user) -> list[Waiting]:
    return [_request_row(r, user) for r in ServiceRequest.objects.filter(status__in=OPEN_REQUESTS)]


def _request_decide(request, pk: int, *, confirm: bool, note: str, reason: str) -> str:
    service_request = get_object_or_404(ServiceRequest, pk=pk)
    try:
        if confirm:
            request_confirm(request=service_request, by_user=request.user, note=note)
        else:
            request_decline(request=service_request, by_user=request.user, reason=reason)
    except RequestError as exc:
        raise DecisionRefused(f"{service_request.organisation_name}: {exc.message}") from exc
    text = (
        _("%(organisation)s: confirmed. The contact person is told by email.")
        if confirm
        else _("%(organisation)s: declined. The contact person is told by email, with the reason.")
    )
    return text % {"organisation": service_request.organisation_name}


SOURCES = {
    "request": WaitingSource(
        kind="request",
        permission="services.change_servicerequest",
        rows=_request_rows,
        decide=_request_decide,
    )
}


def waiting(user) -> list[Waiting]:
    """Requests waiting for a decision, oldest first. Two queries."""
    rows = []
    if user.has_perm("bookings.change_booking"):
        rows += [
            _booking_row(b)
            for b in Booking.objects.filter(status=Booking.Status.REQUESTED).select_related(
                "session_type", "practitioner"
            )
        ]
    for source in SOURCES.values():
        if user.has_perm(source.permission):
            rows += source.rows(user)
    return sorted(rows, key=lambda w: w.received)


@require_http_methods(["GET", "POST"])
def requests_waiting(request, *, site):
    """Booking requests and organisations' request forms in one list, each confirmed or declined
    with one button; either way the client (or the organisation's contact) is told through the outbox."""
    if not (
        request.user.has_perm("bookings.change_booking")
        or any(request.user.has_perm(source.permission) for source in SOURCES.values())
    ):
        require(request, "bookings.change_booking")
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            _decide(request, form)
        else:
            messages.error(request, _("Choose confirm or decline for a request in the list."))
        return redirect("admin:workspace_requests")
    return TemplateResponse(
        request,
        "workspace/requests.html",
        {**site.each_context(request), "title": _("Requests waiting"), "rows": waiting(request.user)},
    )


def _decide(request, form: DecisionForm) -> None:
    kind, pk = form.target()
    confirm = form.cleaned_data["decision"] == "confirm"
    if kind == "booking":
        require(request, "bookings.change_booking")
        booking = get_object_or_404(Booking, pk=pk)
        try:
            if confirm:
                booking_confirm(booking=booking, by_user=request.user)
            else:
                booking_decline(
                    booking=booking, by_user=request.user, reason=form.cleaned_data["reason"].strip()
                )
        except DomainError as exc:
            messages.error(request, f"{booking.client_name}: {exc.message}")
            return
        text = (
            _("%(client)s: confirmed. The client is told by email.")
            if confirm
            else _("%(client)s: declined. The client is told by email.")
        )
        messages.success(request, text % {"client": booking.client_name})
        return
    source = SOURCES.get(kind)
    if source is None:
        raise Http404
    require(request, source.permission)
    data = form.cleaned_data
    try:
        text = source.decide(request, pk, confirm=confirm, note=data["note"], reason=data["reason"])
    except DecisionRefused as exc:
        messages.error(request, str(exc))
        return
    messages.success(request, text)
