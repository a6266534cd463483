"""The booking flow: session type → way of meeting → day → time → details → review → the
client's own page. GET steps carry the choice in the query string (so every step can be
bookmarked, reloaded and navigated back to); POSTs redirect. The typed details live in the
session until the booking is made, so nothing is lost when a time is taken meanwhile.

The month view and the times list are also used by the reschedule pages (views/manage.py).
"""

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import HELSINKI
from core.ratelimit import ratelimit
from practice.selectors import profile

from .. import selectors
from ..actions.booking import booking_create
from ..cache import calendar_version
from ..exceptions import OutsideAvailability, SlotTaken
from ..forms import (
    DetailsEntryForm,
    DetailsForm,
    SubmitForm,
    month_param,
    parse_start,
    start_param,
)
from ..models import Modality, ServiceKind, SessionType
from .month import (
    MONTH_CACHE_SECONDS,
    MonthView,
    cached_month,
    day_in_range,
    month_in_range,
    month_view,
    script_config,
    times_of,
)

DETAILS_KEY = "booking_details"  # the details typed in the details step, until booked
LAST_KEY = "booking_last"  # the key and details of the last booking made, for a re-submitted review
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")


# --- URLs and the choice in the query string ----------------------------------------------------


def step_url(name: str, *args, **params) -> str:
    """The URL of a step with its query string (None values left out)."""
    url = reverse(name, args=args)
    query = urlencode({k: v for k, v in params.items() if v is not None}, safe=":")
    return f"{url}?{query}" if query else url


@dataclass(frozen=True)
class Choice:
    """The session type and the way of meeting chosen so far."""

    session_type: SessionType
    modality: str

    @property
    def modality_label(self) -> str:
        return Modality(self.modality).label

    @property
    def asks_modality(self) -> bool:
        return len(self.session_type.modality_list) > 1

    def url(self, name: str, **params) -> str:
        return step_url(name, type=self.session_type.slug, modality=self.modality, **params)


def _session_type(request: HttpRequest) -> SessionType | None:
    """The session type of the query string: None when none is given (e.g. after switching the
    language, which keeps only the path), 404 when it is unknown or malformed."""
    slug = request.GET.get("type")
    if not slug:
        return None
    if not _SLUG.match(slug):
        raise Http404
    return selectors.session_type_public(slug)


def _choice(request: HttpRequest) -> Choice | HttpResponse:
    """The choice of the query string, or a redirect to the step that asks what is missing."""
    session_type = _session_type(request)
    if session_type is None:
        return redirect("bookings:start")
    offered = [str(m) for m in session_type.modality_list]
    modality = request.GET.get("modality")
    if len(offered) == 1:
        modality = offered[0]
    elif modality not in offered:
        return redirect(step_url("bookings:modality", type=session_type.slug))
    return Choice(session_type, modality)


def _script_config(choice: Choice, month: MonthView) -> dict:
    return script_config(
        choice.session_type,
        month,
        modality=choice.modality,
        month_url=choice.url("bookings:month") + "&month=",
        day_url=choice.url("bookings:times") + "&date=",
        time_url=choice.url("bookings:details") + "&start=",
    )


# --- the steps ----------------------------------------------------------------------------------


def _render(request, template: str, context: dict, *, phase: str) -> HttpResponse:
    return render(request, template, {"phase": phase, "vat_registered": profile().vat_registered, **context})


@require_safe
def start(request):
    """Step 1: the session types, grouped by service (or those of one service)."""
    service = request.GET.get("service")
    if service is not None and service not in ServiceKind.values:
        return redirect("bookings:start")
    types = list(selectors.session_types_public())
    if service:
        types = [t for t in types if t.service == service]
    groups = [
        (kind, [t for t in types if t.service == kind.value])
        for kind in ServiceKind
        if any(t.service == kind.value for t in types)
    ]
    for session_type in types:
        session_type.choose_url = (
            step_url("bookings:modality", type=session_type.slug)
            if len(session_type.modality_list) > 1
            else step_url("bookings:month", type=session_type.slug, modality=session_type.modality_list[0])
        )
    return _render(
        request,
        "bookings/start.html",
        {"groups": groups, "service": ServiceKind(service) if service else None, "indexable": True},
        phase="service",
    )


@require_safe
def modality(request):
    """Step 2 (only when a type is offered both ways): in person or online."""
    session_type = _session_type(request)
    if session_type is None:
        return redirect("bookings:start")
    offered = [str(m) for m in session_type.modality_list]
    if len(offered) == 1:
        return redirect(step_url("bookings:month", type=session_type.slug, modality=offered[0]))
    options = [(Modality(m), step_url("bookings:month", type=session_type.slug, modality=m)) for m in offered]
    return _render(
        request,
        "bookings/modality.html",
        {
            "session_type": session_type,
            "options": options,
            "back_url": step_url("bookings:start", service=session_type.service),
        },
        phase="service",
    )


def _back_from_month(choice: Choice) -> str:
    if choice.asks_modality:
        return step_url("bookings:modality", type=choice.session_type.slug)
    return step_url("bookings:start", service=choice.session_type.service)


def _month_page_key(request: HttpRequest) -> str | None:
    """The cache key of the whole month page for this request, or None when the page is not the
    same for everyone: a flash message waits, or the address is not the canonical one of its
    parameters (the language switcher repeats the query string). Made from the query string alone,
    so a hit costs no database query: only valid choices are ever stored under it (see month)."""
    slug, modality, asked = (request.GET.get(name) for name in ("type", "modality", "month"))
    if not slug or not _SLUG.match(slug) or modality not in Modality.values:
        return None
    if request.get_full_path() != step_url("bookings:month", type=slug, modality=modality, month=asked):
        return None
    if len(messages.get_messages(request)):
        return None
    minute = timezone.now().replace(second=0, microsecond=0)
    return (
        f"bookings:month-page:{slug}:{modality}:{asked or 'first'}:{translation.get_language()}:"
        f"{calendar_version()}:{minute.isoformat()}"
    )


@require_safe
def month(request):
    """A month of days; days with free times link to their times.

    The page is cached for everyone per calendar version and minute (like the availability API):
    a booking or any calendar change shows at once; a session type made inactive or edited shows
    within the minute."""
    page_key = _month_page_key(request)
    if page_key is not None and (page := cache.get(page_key)) is not None:
        return HttpResponse(page)
    choice = _choice(request)
    if isinstance(choice, HttpResponse):
        return choice
    session_type = choice.session_type
    asked = request.GET.get("month")
    wanted = month_in_range(session_type, asked)
    if asked is not None and wanted is None:
        return redirect(choice.url("bookings:month"))
    if choice.modality != request.GET.get("modality"):
        page_key = None  # never stored under a modality the type does not offer

    def build(shown: dt.date, slots: list) -> tuple[MonthView, dict]:
        view = month_view(
            session_type,
            shown,
            slots,
            day_url=lambda d: choice.url("bookings:times", date=d.isoformat()),
            month_url=lambda m: choice.url("bookings:month", month=month_param(m)),
        )
        return view, _script_config(choice, view)

    rendered = cached_month(session_type, wanted, modality=choice.modality, build=build)
    response = _render(
        request,
        "bookings/month.html",
        {
            "choice": choice,
            "session_type": session_type,
            "month_grid": rendered.grid,
            "script_config": rendered.script_config,
            "back_url": _back_from_month(choice),
        },
        phase="time",
    )
    if page_key is not None:  # the choice is valid: the same query gets this page for a minute
        cache.set(page_key, response.content, timeout=MONTH_CACHE_SECONDS)
    return response


@require_safe
def times(request):
    """The free times of one day."""
    choice = _choice(request)
    if isinstance(choice, HttpResponse):
        return choice
    session_type = choice.session_type
    day = day_in_range(session_type, request.GET.get("date"))
    if day is None:
        return redirect(choice.url("bookings:month"))
    slots = selectors.free_slots(session_type, day, day, modality=choice.modality)
    return _render(
        request,
        "bookings/times.html",
        {
            "choice": choice,
            "session_type": session_type,
            "day": day,
            "times": times_of(slots, lambda s: choice.url("bookings:details", start=start_param(s))),
            "back_url": choice.url("bookings:month", month=month_param(day)),
        },
        phase="time",
    )


def _free_start(request, choice: Choice) -> dt.datetime | HttpResponse:
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


def _end(session_type: SessionType, start: dt.datetime) -> dt.datetime:
    return start + dt.timedelta(minutes=session_type.duration_minutes)


def booking_rate() -> str:
    return settings.RATELIMIT_BOOKING_FORMS


@ratelimit(scope="booking-details", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def details(request):
    """Who books: name, contact, group size, who pays. Kept in the session until booked."""
    choice = _choice(request)
    if isinstance(choice, HttpResponse):
        return choice
    start = _free_start(request, choice)
    if isinstance(start, HttpResponse):
        return start
    session_type = choice.session_type
    if request.method == "POST":
        form = DetailsEntryForm(request.POST, session_type=session_type)
        if form.is_valid():
            request.session[DETAILS_KEY] = form.stored()
            return redirect(choice.url("bookings:review", start=start_param(start)))
    else:
        initial = request.session.get(DETAILS_KEY) or {"group_size": session_type.group_min}
        form = DetailsEntryForm(session_type=session_type, initial=initial)
    day = start.astimezone(HELSINKI).date()
    return _render(
        request,
        "bookings/details.html",
        {
            "choice": choice,
            "session_type": session_type,
            "start": start,
            "end": _end(session_type, start),
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


@ratelimit(scope="booking-create", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def review(request):
    """Everything once more, the cancellation terms, and the button that books."""
    choice = _choice(request)
    if isinstance(choice, HttpResponse):
        return choice
    session_type = choice.session_type
    if request.method == "POST":
        start = parse_start(request.GET.get("start"))
        submit = SubmitForm(request.POST)
        if start is None:
            return redirect(choice.url("bookings:month"))
        if not submit.is_valid():
            return redirect(choice.url("bookings:review", start=start_param(start)))
        key = submit.cleaned_data["submission_key"]
        form = _details_for(request, session_type, key)
        if form is None:
            return redirect(choice.url("bookings:details", start=start_param(start)))
        try:
            booking, token = booking_create(
                session_type=session_type,
                start=start,
                modality=choice.modality,
                client=form.client(language=translation.get_language()),
                submission_key=key,
            )
        except (SlotTaken, OutsideAvailability):
            return redirect(choice.url("bookings:taken", start=start_param(start)))
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
    start = _free_start(request, choice)
    if isinstance(start, HttpResponse):
        return start
    form = _details_for(request, session_type)
    if form is None:
        return redirect(choice.url("bookings:details", start=start_param(start)))
    day = start.astimezone(HELSINKI).date()
    return _render(
        request,
        "bookings/review.html",
        {
            "choice": choice,
            "session_type": session_type,
            "start": start,
            "end": _end(session_type, start),
            "details": form.cleaned_data,
            "organisation": form.organisation(),
            "cutoff": start - dt.timedelta(hours=session_type.cancellation_cutoff_hours),
            "submit": SubmitForm(initial={"submission_key": secrets.token_urlsafe(32)}),
            "details_url": choice.url("bookings:details", start=start_param(start)),
            "time_url": choice.url("bookings:times", date=day.isoformat()),
            "back_url": choice.url("bookings:details", start=start_param(start)),
        },
        phase="review",
    )


@require_safe
def taken(request):
    """The loser of a race: the nearest free times, one click away from the review again."""
    choice = _choice(request)
    if isinstance(choice, HttpResponse):
        return choice
    start = parse_start(request.GET.get("start"))
    if start is None:
        return redirect(choice.url("bookings:month"))
    has_details = DETAILS_KEY in request.session
    step = "bookings:review" if has_details else "bookings:details"
    nearest = selectors.nearest_free_slots(choice.session_type, start, modality=choice.modality)
    return _render(
        request,
        "bookings/taken.html",
        {
            "choice": choice,
            "session_type": choice.session_type,
            "start": start,
            "end": _end(choice.session_type, start),
            "nearest": [(s, choice.url(step, start=start_param(s.start))) for s in nearest],
            "has_details": has_details,
            "month_url": choice.url("bookings:month", month=month_param(start.astimezone(HELSINKI).date())),
        },
        phase="time",
    )
