"""Booking on a client's behalf: the same rules and guard as the public flow; the client gets the
same confirmation and personal link as online."""

import secrets

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings import selectors
from bookings.actions.booking import booking_create_on_behalf
from bookings.forms import DetailsForm
from core.exceptions import DomainError
from core.formats import format_when

from .calendar import require, today
from .forms import OnBehalfForm, SlotSearchForm


@require_http_methods(["GET", "POST"])
def book_on_behalf(request, *, site):
    """A session type, a way of meeting and a day show that day's free times; choosing one and the
    client's details books it. The client gets the same confirmation and personal link as online."""
    require(request, "bookings.add_booking")
    data = request.POST if request.method == "POST" else request.GET
    search = SlotSearchForm(data if "session_type" in data else None, initial={"day": today()})
    slots, session_type = [], None
    if search.is_valid():
        session_type = search.cleaned_data["session_type"]
        day = search.cleaned_data["day"]
        slots = selectors.free_slots(
            session_type,
            day,
            day,
            modality=search.cleaned_data["modality"],
            ignore_notice=search.cleaned_data["ignore_notice"],
        )
    initial = {"day": today(), "language": "fi", "submission_key": secrets.token_urlsafe(24)}
    form = OnBehalfForm(
        request.POST if request.method == "POST" else None, slots=slots, initial={**initial, **data.dict()}
    )
    details = (
        DetailsForm(request.POST if request.method == "POST" else None, session_type=session_type)
        if session_type
        else None
    )
    if request.method == "POST" and details is not None and form.is_valid() and details.is_valid():
        try:
            booking, _token = booking_create_on_behalf(
                session_type=session_type,
                start=form.cleaned_data["start"],
                modality=form.cleaned_data["modality"],
                client=details.client(language=form.cleaned_data["language"]),
                by_user=request.user,
                ignore_notice=form.cleaned_data["ignore_notice"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except DomainError as exc:
            form.add_error("start", exc.message)
            slots = selectors.free_slots(
                session_type,
                form.cleaned_data["day"],
                form.cleaned_data["day"],
                modality=form.cleaned_data["modality"],
                ignore_notice=form.cleaned_data["ignore_notice"],
            )
            form.fields["start"].choices = OnBehalfForm(slots=slots).fields["start"].choices
        else:
            messages.success(
                request,
                _(
                    "Booked %(when)s for %(client)s. The confirmation and the personal link are on their way to %(email)s."
                )
                % {
                    "when": format_when(booking.start, booking.end),
                    "client": booking.client_name,
                    "email": booking.email,
                },
            )
            return redirect("admin:bookings_booking_change", booking.pk)
    errors = [
        f
        for f in (form if request.method == "POST" else None, details if request.method == "POST" else None)
        if f is not None and f.errors
    ]
    return TemplateResponse(
        request,
        "workspace/book.html",
        {
            **site.each_context(request),
            "title": _("Book for a client"),
            "search": search,
            "form": form,
            "details": details,
            "slots": slots,
            "session_type": session_type,
            "error_forms": errors,
        },
        status=400 if errors else 200,
    )
