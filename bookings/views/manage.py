"""The client's own page behind the personal link: view, calendar file, reschedule, cancel.

The token is the only key: anything wrong with it is a plain 404 (privacy.links). GET never
changes anything; every change is a POST with CSRF that calls one action and redirects.
"""

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import DomainError
from core.formats import format_when, iso_local_minute, iso_month
from core.headers import attachment_disposition
from core.ratelimit import ratelimit
from core.time import HELSINKI
from practice.selectors import profile
from privacy.links import link_resolve

from .. import selectors
from ..actions.change import booking_cancel, booking_reschedule
from ..exceptions import InvalidState, OutsideAvailability, OutsidePolicy, SlotTaken
from ..forms import CancelForm, parse_start
from ..ics import booking_ics
from ..kinds import BookingLink
from ..models import ON_CALENDAR, Booking, Modality
from .flow import booking_rate, step_url
from .month import (
    bookable_days,
    day_in_range,
    free_month,
    month_in_range,
    month_view,
    times_of,
    weekday_headers,
)


def _booking(token: str) -> Booking:
    """The booking of a live personal link, its session type, practitioner and place joined."""
    booking = link_resolve(token, purpose=BookingLink.MANAGE, model=Booking)
    return selectors.bookings_with_details().get(pk=booking.pk)


def _render(request, template: str, booking: Booking, *, token: str, **context) -> HttpResponse:
    return render(
        request,
        template,
        {
            "booking": booking,
            "token": token,
            "cutoff": booking.cancellation_cutoff,
            "vat_registered": profile().vat_registered,
            **context,
        },
    )


def _not_changeable(request, booking: Booking, token: str) -> HttpResponse | None:
    """A redirect to the booking's page with the reason when the client can no longer change it."""
    if not booking.is_live:
        messages.info(request, InvalidState.message)
    elif not booking.can_change_online(timezone.now()):
        messages.info(request, OutsidePolicy.message)
    else:
        return None
    return redirect("bookings:manage", token=token)


@never_cache
@require_safe
def manage(request, token):
    """The booking: when, where or the video link, status, and what the client can do now."""
    booking = _booking(token)
    return _render(
        request,
        "bookings/manage.html",
        booking,
        token=token,
        live=booking.is_live,
        changeable=booking.can_change_online(timezone.now()),
        past=booking.end <= timezone.now(),
        book_again_url=step_url("bookings:start", service=booking.session_type.service),
        online=booking.modality == Modality.ONLINE,
        place=selectors.place_of(
            modality=booking.modality, location=booking.location, practitioner_id=booking.practitioner_id
        ),
    )


@never_cache
@require_safe
def ics(request, token):
    """The booking as a calendar file to add to one's own calendar (or a cancellation of it)."""
    booking = _booking(token)
    method = "PUBLISH" if booking.status in ON_CALENDAR else "CANCEL"
    response = HttpResponse(booking_ics(booking, method), content_type="text/calendar; charset=utf-8")
    day = booking.start.astimezone(HELSINKI).date().isoformat()
    response["Content-Disposition"] = attachment_disposition(f"{booking.session_type.slug}-{day}.ics")
    return response


def _exclude(booking: Booking) -> dict:
    return {"modality": booking.modality, "exclude_block": booking.block_id}


@never_cache
@require_safe
def reschedule(request, token):
    """A month of days with free times for moving the booking (its own time counts as free)."""
    booking = _booking(token)
    if refusal := _not_changeable(request, booking, token):
        return refusal
    session_type = booking.session_type
    asked = request.GET.get("month")
    wanted = month_in_range(session_type, asked)
    if asked is not None and wanted is None:
        return redirect("bookings:reschedule", token=token)
    if wanted is None:
        wanted = max(
            booking.start.astimezone(HELSINKI).date().replace(day=1),
            bookable_days(session_type)[0].replace(day=1),
        )
    shown, slots = free_month(session_type, wanted, **_exclude(booking))
    slots = [s for s in slots if s.start != booking.start]  # its own time is not a move
    view = month_view(
        session_type,
        shown,
        slots,
        day_url=lambda d: step_url("bookings:reschedule_times", token, date=d.isoformat()),
        month_url=lambda m: step_url("bookings:reschedule", token, month=iso_month(m)),
    )
    return _render(
        request,
        "bookings/reschedule_month.html",
        booking,
        token=token,
        month=view,
        weekdays=weekday_headers(),
    )


@never_cache
@require_safe
def reschedule_times(request, token):
    """The free times of one day for moving the booking."""
    booking = _booking(token)
    if refusal := _not_changeable(request, booking, token):
        return refusal
    day = day_in_range(booking.session_type, request.GET.get("date"))
    if day is None:
        return redirect("bookings:reschedule", token=token)
    slots = selectors.free_slots(booking.session_type, day, day, **_exclude(booking))
    return _render(
        request,
        "bookings/reschedule_times.html",
        booking,
        token=token,
        day=day,
        times=times_of(
            [s for s in slots if s.start != booking.start],
            lambda s: step_url("bookings:reschedule_confirm", token, start=iso_local_minute(s)),
        ),
        back_url=step_url("bookings:reschedule", token, month=iso_month(day)),
    )


def _times_or_month(booking: Booking, token: str, day: dt.date) -> str:
    if day_in_range(booking.session_type, day.isoformat()) is None:
        return step_url("bookings:reschedule", token)
    return step_url("bookings:reschedule_times", token, date=day.isoformat())


@never_cache
@ratelimit(scope="booking-change", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def reschedule_confirm(request, token):
    """GET asks "move from … to …?"; POST moves the booking."""
    booking = _booking(token)
    if refusal := _not_changeable(request, booking, token):
        return refusal
    start = parse_start(request.GET.get("start"))
    if start is None:
        return redirect("bookings:reschedule", token=token)
    day = start.astimezone(HELSINKI).date()
    if request.method == "POST":
        try:
            booking = booking_reschedule(booking=booking, start=start)
        except (SlotTaken, OutsideAvailability) as exc:
            messages.error(request, exc.message)
            return redirect(_times_or_month(booking, token, day))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("bookings:manage", token=token)
        messages.success(
            request,
            _("Your booking was moved to %(when)s. We sent you the updated details by email.")
            % {"when": format_when(booking.start, booking.end)},
        )
        return redirect("bookings:manage", token=token)
    free = selectors.practitioner_free_at(
        booking.session_type,
        start,
        booking.modality,
        exclude_block=booking.block_id,
        prefer=booking.practitioner,
    )
    if free is None or start == booking.start:
        messages.error(request, OutsideAvailability.message)
        return redirect(_times_or_month(booking, token, day))
    return _render(
        request,
        "bookings/reschedule_confirm.html",
        booking,
        token=token,
        start=start,
        end=start + (booking.end - booking.start),
        back_url=_times_or_month(booking, token, day),
    )


@never_cache
@ratelimit(scope="booking-change", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """GET asks for confirmation (and an optional reason); POST cancels."""
    booking = _booking(token)
    if refusal := _not_changeable(request, booking, token):
        return refusal
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            booking_cancel(booking=booking, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("bookings:manage", token=token)
        messages.success(request, _("Your booking was cancelled. We sent you a confirmation by email."))
        return redirect("bookings:manage", token=token)
    return _render(request, "bookings/cancel.html", booking, token=token, form=form)
