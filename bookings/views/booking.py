"""The last steps of the booking flow: the details (who books, who pays), the review that books,
and the page of the one who lost a race for a time (the nearest free times, one click away).
The typed details live in the session until the booking is made."""

import datetime as dt
import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import Busy
from core.formats import iso_local_minute, iso_month
from core.ratelimit import ratelimit
from core.time import HELSINKI

from .. import selectors
from ..actions.booking import booking_create
from ..exceptions import OutsideAvailability, SlotTaken
from ..forms import DetailsEntryForm, DetailsForm, SubmitForm, parse_start
from ..models import SessionType
from .flow import DETAILS_KEY, LAST_KEY, Choice, booking_rate, choice_of, render_step, session_end
from .month import day_in_range


def free_start(request, choice: Choice) -> dt.datetime | HttpResponse:
    """The start of the query string if it is a free time now, or a redirect back to the times."""
    start = parse_start(request.GET.get("start"))
    if start is None:
        return redirect(choice.url("bookings:month"))
    day = start.astimezone(HELSINKI).date()
    if selectors.practitioner_free_at(choice.session_type, start, choice.modality) is None:
        messages.error(request, _("Sorry, that time is not free any more. Please choose another time."))
        if day_in_range(choice.session_type, day.isoformat()) is None:
            return redirect(choice.url("bookings:month"))
        return redirect(choice.url("bookings:times", date=day.isoformat()))
    return start


@never_cache
@ratelimit(scope="booking-details", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def details(request):
    """Who books: name, contact, group size, who pays. Kept in the session until booked."""
    choice = choice_of(request)
    if isinstance(choice, HttpResponse):
        return choice
    start = free_start(request, choice)
    if isinstance(start, HttpResponse):
        return start
    session_type = choice.session_type
    if request.method == "POST":
        form = DetailsEntryForm(request.POST, session_type=session_type)
        if form.is_valid():
            request.session[DETAILS_KEY] = form.stored()
            return redirect(choice.url("bookings:review", start=iso_local_minute(start)))
    else:
        initial = request.session.get(DETAILS_KEY) or {"group_size": session_type.group_min}
        form = DetailsEntryForm(session_type=session_type, initial=initial)
    day = start.astimezone(HELSINKI).date()
    return render_step(
        request,
        "bookings/details.html",
        {
            "choice": choice,
            "session_type": session_type,
            "start": start,
            "end": session_end(session_type, start),
            "form": form,
            "back_url": choice.url("bookings:times", date=day.isoformat()),
        },
        phase="details",
    )


def _details_for(request, session_type: SessionType, submission_key: str | None = None):
    """The valid details form of the session, or None. A review page submitted again after its
    booking was made finds the details it was made with."""
    stored = request.session.get(DETAILS_KEY)
    last = request.session.get(LAST_KEY) or {}
    if stored is None and submission_key and last.get("key") == submission_key:
        stored = last.get("details")
    if stored is None:
        return None
    form = DetailsForm(stored, session_type=session_type)
    return form if form.is_valid() else None


@never_cache
@ratelimit(scope="booking-create", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def review(request):
    """Everything once more, the cancellation terms, and the button that books."""
    choice = choice_of(request)
    if isinstance(choice, HttpResponse):
        return choice
    session_type = choice.session_type
    if request.method == "POST":
        start = parse_start(request.GET.get("start"))
        submit = SubmitForm(request.POST)
        if start is None:
            return redirect(choice.url("bookings:month"))
        if not submit.is_valid():
            return redirect(choice.url("bookings:review", start=iso_local_minute(start)))
        key = submit.cleaned_data["submission_key"]
        form = _details_for(request, session_type, key)
        if form is None:
            return redirect(choice.url("bookings:details", start=iso_local_minute(start)))
        try:
            booking, token = booking_create(
                session_type=session_type,
                start=start,
                modality=choice.modality,
                client=form.client(language=translation.get_language()),
                submission_key=key,
            )
        except (SlotTaken, OutsideAvailability):
            return redirect(choice.url("bookings:taken", start=iso_local_minute(start)))
        except Busy as exc:
            messages.error(request, exc.message)
            return redirect(choice.url("bookings:review", start=iso_local_minute(start)))
        request.session[LAST_KEY] = {"key": key, "details": form.stored()}
        request.session.pop(DETAILS_KEY, None)
        if booking.status == booking.Status.REQUESTED:
            messages.success(
                request,
                _("Your request was sent. You will get an email when the time is confirmed (to %(email)s).")
                % {"email": booking.email},
            )
        else:
            messages.success(
                request,
                _("Thank you, your time is booked. The confirmation is on its way to %(email)s.")
                % {"email": booking.email},
            )
        return redirect("bookings:manage", token=token)
    start = free_start(request, choice)
    if isinstance(start, HttpResponse):
        return start
    form = _details_for(request, session_type)
    if form is None:
        return redirect(choice.url("bookings:details", start=iso_local_minute(start)))
    day = start.astimezone(HELSINKI).date()
    return render_step(
        request,
        "bookings/review.html",
        {
            "choice": choice,
            "session_type": session_type,
            "start": start,
            "end": session_end(session_type, start),
            "details": form.cleaned_data,
            "organisation": form.organisation(),
            "cutoff": start - dt.timedelta(hours=session_type.cancellation_cutoff_hours),
            "submit": SubmitForm(initial={"submission_key": secrets.token_urlsafe(32)}),
            "details_url": choice.url("bookings:details", start=iso_local_minute(start)),
            "time_url": choice.url("bookings:times", date=day.isoformat()),
            "back_url": choice.url("bookings:details", start=iso_local_minute(start)),
        },
        phase="review",
    )


@require_safe
def taken(request):
    """The loser of a race: the nearest free times, one click away from the review again."""
    choice = choice_of(request)
    if isinstance(choice, HttpResponse):
        return choice
    start = parse_start(request.GET.get("start"))
    if start is None:
        return redirect(choice.url("bookings:month"))
    has_details = DETAILS_KEY in request.session
    step = "bookings:review" if has_details else "bookings:details"
    nearest = selectors.nearest_free_slots(choice.session_type, start, modality=choice.modality)
    return render_step(
        request,
        "bookings/taken.html",
        {
            "choice": choice,
            "session_type": choice.session_type,
            "start": start,
            "end": session_end(choice.session_type, start),
            "nearest": [(s, choice.url(step, start=iso_local_minute(s.start))) for s in nearest],
            "has_details": has_details,
            "month_url": choice.url("bookings:month", month=iso_month(start.astimezone(HELSINKI).date())),
        },
        phase="time",
    )
