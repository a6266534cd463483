"""Supervision series for organisations: plan and check the times (GET: checking changes
nothing), the organisation's details and the agreement's content, booking all sessions at once;
then the series page behind the personal link (sessions used and left, a calendar file per
session, cancel the rest, move one or all later sessions) and the agreement page, printable, where
the organisation's contact confirms it.
"""

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bookings.exceptions import SlotTaken
from bookings.ics import booking_ics
from bookings.models import SessionType
from core.exceptions import DomainError
from core.formats import format_when
from core.headers import attachment_disposition
from core.ratelimit import ratelimit
from core.time import HELSINKI
from practice.selectors import profile
from privacy.links import link_resolve

from . import selectors as selectors_series
from .actions.agreement import agreement_confirm
from .actions.series import (
    series_cancel_rest,
    series_create,
    series_move_rest,
    series_session_cancel,
    series_session_move,
)
from .exceptions import SeriesConflict
from .forms import AgreementConfirmForm, PlanForm, SeriesDetailsForm, SeriesMoveForm
from .ics import series_ics
from .kinds import SeriesLink
from .models import Series, SupervisionAgreement

DETAILS_KEY = "series_details"  # the organisation's typed details, kept across a conflict until booked


def _rate():
    return settings.RATELIMIT_BOOKING_FORMS


def _plan_url(query: str = "") -> str:
    url = reverse("series:series_plan")
    return f"{url}?{query}" if query else url


def _terms(session_type: SessionType) -> dict:
    """The terms a new agreement gets (the model's defaults), shown before booking."""
    default = {f.name: f.default for f in SupervisionAgreement._meta.get_fields() if hasattr(f, "default")}
    return {
        "cutoff_hours": session_type.cancellation_cutoff_hours,
        "late_charged": default["late_cancellation_charged"],
        "notice_days": default["ending_notice_days"],
        "payment_days": default["payment_days"],
        "invoicing": SupervisionAgreement.Invoicing(default["invoicing"]).label,
        "price": session_type.price,
        "vat_rate": session_type.vat_rate,
        "vat_registered": profile().vat_registered,
    }


@require_GET
def plan(request):
    """The plan form; with a plan in the query string, every time checked, each conflict with its
    reason and the nearest free time, and the way on (all free) or to take the alternatives."""
    if not request.GET:
        form = PlanForm(initial={"cadence": "3w", "count": 6, "modality": "in_person"})
        return render(request, "series/plan.html", {"form": form, "indexable": True})
    form = PlanForm(request.GET)
    if not form.is_valid():
        return render(request, "series/plan.html", {"form": form})
    data = form.cleaned_data
    checked = selectors_series.series_check(data["type"], data["modality"], data["starts"])
    query = request.GET.urlencode()
    alternatives = checked.with_alternatives() if checked.conflicts else None
    return render(
        request,
        "series/plan.html",
        {
            "form": form,
            "plan": checked,
            "session_type": data["type"],
            "details_url": reverse("series:series_details") + "?" + query if checked.ok else None,
            "alternatives_url": (
                _plan_url(PlanForm.query(data["type"], data["modality"], alternatives))
                if alternatives and all(s.alternative for s in checked.conflicts)
                else None
            ),
            **_terms(data["type"]),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="series-book", rate=_rate)
def details(request):
    """The organisation's details and the agreement's content; the button books every session.
    What was typed is kept in the session (as the booking flow keeps its details), so a conflict
    that sends the organisation back to choose the nearest free times loses none of it; the box
    accepting the terms is ticked again for the new times."""
    plan_form = PlanForm(request.GET)
    if not plan_form.is_valid():
        return redirect(_plan_url(request.GET.urlencode()))
    data = plan_form.cleaned_data
    session_type, modality, starts = data["type"], data["modality"], data["starts"]
    if request.method == "POST":
        form = SeriesDetailsForm(request.POST, session_type=session_type)
        request.session[DETAILS_KEY] = {k: v for k, v in form.stored().items() if k != "accept"}
    else:
        form = SeriesDetailsForm(session_type=session_type, initial=request.session.get(DETAILS_KEY))
    checked = selectors_series.series_check(session_type, modality, starts)
    if not checked.ok:
        messages.error(request, SeriesConflict.message)
        return redirect(_plan_url(request.GET.urlencode()))
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            series, token = series_create(
                session_type=session_type,
                modality=modality,
                starts=starts,
                cadence=data["cadence"],
                client=form.client(language=translation.get_language()),
                client_organisation=cleaned["client_organisation"].strip(),
                participants=cleaned["participants"].strip(),
                goals=cleaned["goals"].strip(),
                trial_sessions=cleaned["trial_sessions"],
                submission_key=form.submission_key,
            )
        except (SeriesConflict, SlotTaken, IntegrityError):
            messages.error(request, SeriesConflict.message)
            return redirect(_plan_url(request.GET.urlencode()))
        request.session.pop(DETAILS_KEY, None)
        requested = session_type.booking_mode == SessionType.BookingMode.REQUEST
        messages.success(
            request,
            (
                _(
                    "Thank you. The supervisor confirms the times soon; the details are on their way to %(email)s."
                )
                if requested
                else _("Thank you, the series is booked. The confirmation is on its way to %(email)s.")
            )
            % {"email": series.agreement.contact_email},
        )
        return redirect("series:series", token=token)
    return render(
        request,
        "series/details.html",
        {
            "form": form,
            "plan": checked,
            "session_type": session_type,
            "modality": modality,
            "cadence": data["cadence"],
            "back_url": _plan_url(request.GET.urlencode()),
            **_terms(session_type),
        },
    )


# --- the series page -----------------------------------------------------------------------------


def _series(token: str) -> Series:
    series = link_resolve(token, purpose=SeriesLink.SERIES, model=Series)
    return selectors_series.series_with_sessions(series.pk)


def _rows(series: Series) -> list[dict]:
    now = timezone.now()
    return [
        {
            "session": session,
            "booking": session.booking,
            "live": session.booking.status in selectors_series.LIVE and session.booking.start > now,
            "changeable": session.booking.can_change_online(now),
        }
        for session in series.sessions.all()
    ]


@never_cache
@require_GET
def series(request, token):
    """The sessions with their marks (trial, evaluations), counts used and left, what can be done."""
    series = _series(token)
    rows = _rows(series)
    return render(
        request,
        "series/series.html",
        {
            "series": series,
            "agreement": series.agreement,
            "rows": rows,
            "counts": selectors_series.series_counts(series),
            "token": token,
            "any_changeable": any(r["changeable"] for r in rows),
            "any_live": any(r["live"] for r in rows),
            "cutoff_hours": series.agreement.cancellation_hours,
        },
    )


@never_cache
@require_GET
def series_calendar(request, token):
    """Every session still booked, as one calendar file to import."""
    series = _series(token)
    response = HttpResponse(series_ics(series), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(f"{series.session_type.slug}-series.ics")
    return response


def _session(series: Series, number: int):
    session = next((s for s in series.sessions.all() if s.number == number), None)
    if session is None:
        raise Http404
    return session


@never_cache
@require_GET
def session_ics(request, token, number):
    """One session's own calendar file."""
    series = _series(token)
    booking = _session(series, number).booking
    live = booking.status in selectors_series.LIVE or booking.status == booking.Status.COMPLETED
    response = HttpResponse(
        booking_ics(booking, "PUBLISH" if live else "CANCEL"), content_type="text/calendar; charset=utf-8"
    )
    day = booking.start.astimezone(HELSINKI).date().isoformat()
    response["Content-Disposition"] = attachment_disposition(f"{series.session_type.slug}-{number}-{day}.ics")
    return response


@never_cache
@require_POST
@ratelimit(scope="series-change", rate=_rate)
def cancel_rest(request, token):
    """Cancels every session still to come (those past the cutoff stay; the page says so)."""
    series = _series(token)
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that all remaining sessions are cancelled."))
        return redirect("series:series", token=token)
    try:
        cancelled, kept = series_cancel_rest(series=series)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("series:series", token=token)
    messages.success(
        request,
        ngettext("%(count)d session cancelled.", "%(count)d sessions cancelled.", len(cancelled))
        % {"count": len(cancelled)},
    )
    if kept:
        messages.info(
            request,
            _("Sessions within %(hours)s hours can't be cancelled online: %(when)s. Please contact us.")
            % {
                "hours": series.agreement.cancellation_hours,
                "when": ", ".join(format_when(s.booking.start) for s in kept),
            },
        )
    return redirect("series:series", token=token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="series-change", rate=_rate)
def session(request, token, number):
    """One session: move it (or it and every later one), or cancel it."""
    series = _series(token)
    current = _session(series, number)
    booking = current.booking
    changeable = booking.can_change_online(timezone.now())
    start_local = booking.start.astimezone(HELSINKI)
    form = SeriesMoveForm(
        request.POST or None,
        initial={"number": number, "date": start_local.date(), "time": start_local.time()},
    )
    conflict = None
    if request.method == "POST" and changeable:
        if "cancel" in request.POST:
            try:
                series_session_cancel(session=current)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Session %(number)d is cancelled.") % {"number": number})
            return redirect("series:series", token=token)
        if form.is_valid():
            start = form.cleaned_data["start"]
            try:
                if form.cleaned_data["rest"]:
                    series_move_rest(series=series, from_number=number, start=start)
                else:
                    series_session_move(session=current, start=start)
            except SeriesConflict as exc:
                conflict = exc.plan
                messages.error(request, exc.message)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The new times are booked."))
                return redirect("series:series", token=token)
    return render(
        request,
        "series/session.html",
        {
            "series": series,
            "current": current,
            "booking": booking,
            "form": form,
            "changeable": changeable,
            "conflict": conflict,
            "token": token,
            "cutoff_hours": series.agreement.cancellation_hours,
        },
        status=200,
    )


# --- the agreement -------------------------------------------------------------------------------


def _agreement_page(request, agreement: SupervisionAgreement, *, post_url: str) -> HttpResponse:
    series = selectors_series.series_with_sessions(agreement.series.pk)
    form = None
    if agreement.status == SupervisionAgreement.Status.PROPOSED:
        form = AgreementConfirmForm(request.POST or None, initial={"confirmed_by": agreement.contact_name})
        if request.method == "POST" and form.is_valid():
            try:
                agreement_confirm(agreement=agreement, confirmed_by=form.cleaned_data["confirmed_by"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Thank you, the agreement is confirmed."))
            return redirect(post_url)
    return render(
        request,
        "series/agreement.html",
        {
            "agreement": agreement,
            "series": series,
            "sessions": list(series.sessions.all()),
            "form": form,
            "post_url": post_url,
            "vat_registered": profile().vat_registered,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="agreement-confirm", rate=_rate)
def agreement(request, token):
    """The agreement from its own link (sent to the organisation's contact)."""
    found = link_resolve(token, purpose=SeriesLink.AGREEMENT, model=SupervisionAgreement)
    return _agreement_page(request, found, post_url=reverse("series:agreement", kwargs={"token": token}))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="agreement-confirm", rate=_rate)
def series_agreement(request, token):
    """The same agreement, reached from the series page."""
    series = _series(token)
    return _agreement_page(
        request, series.agreement, post_url=reverse("series:series_agreement", kwargs={"token": token})
    )
