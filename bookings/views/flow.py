"""The booking flow: session type → way of meeting → day → time → details → review → the
client's own page. GET steps carry the choice in the query string (so every step can be
bookmarked, reloaded and navigated back to); POSTs redirect. The typed details live in the
session until the booking is made, so nothing is lost when a time is taken meanwhile.

The month view and the times list are also used by the reschedule pages (views/manage.py).
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from core.formats import iso_local_minute, iso_month

from .. import selectors
from ..cache import calendar_version
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


def choice_of(request: HttpRequest) -> Choice | HttpResponse:
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


def render_step(request, template: str, context: dict, *, phase: str) -> HttpResponse:
    return render(
        request, template, {"phase": phase, "vat_registered": settings.PRACTICE_VAT_REGISTERED, **context}
    )


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
    return render_step(
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
    return render_step(
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
    choice = choice_of(request)
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
            month_url=lambda m: choice.url("bookings:month", month=iso_month(m)),
        )
        return view, _script_config(choice, view)

    rendered = cached_month(session_type, wanted, modality=choice.modality, build=build)
    response = render_step(
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
    choice = choice_of(request)
    if isinstance(choice, HttpResponse):
        return choice
    session_type = choice.session_type
    day = day_in_range(session_type, request.GET.get("date"))
    if day is None:
        return redirect(choice.url("bookings:month"))
    slots = selectors.free_slots(session_type, day, day, modality=choice.modality)
    return render_step(
        request,
        "bookings/times.html",
        {
            "choice": choice,
            "session_type": session_type,
            "day": day,
            "times": times_of(slots, lambda s: choice.url("bookings:details", start=iso_local_minute(s))),
            "back_url": choice.url("bookings:month", month=iso_month(day)),
        },
        phase="time",
    )


def session_end(session_type: SessionType, start: dt.datetime) -> dt.datetime:
    """When a session of this type starting at `start` ends."""
    return start + dt.timedelta(minutes=session_type.duration_minutes)


def booking_rate() -> str:
    """The rate limit of the booking forms' POSTs (per client address)."""
    return settings.RATELIMIT_BOOKING_FORMS
