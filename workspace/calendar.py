"""The workspace's reading views in admin: the calendar (week and month), today's agenda, the overview.

Each is GET → read (workspace.planner / workspace.overview) → render, inside admin's look.
The agenda's POSTs mark a session completed or no-show, or save its internal note, each through
one action of bookings.actions, and come back to the same day (PRG).
"""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bookings.actions.record import booking_mark, booking_note
from bookings.models import Booking, WeeklyHours
from core.exceptions import DomainError
from core.formats import format_date, format_month, iso_month
from core.time import HELSINKI

from . import overview as overview_figures
from . import planner
from .forms import BookingNoteForm

WORKSPACE = [
    # (url name, label, permission needed)
    ("workspace_calendar", gettext_lazy("Calendar"), "bookings.view_booking"),
    ("workspace_agenda", gettext_lazy("Today's agenda"), "bookings.view_booking"),
    ("workspace_requests", gettext_lazy("Requests waiting"), "bookings.change_booking"),
    ("workspace_book", gettext_lazy("Book for a client"), "bookings.add_booking"),
    ("workspace_hours", gettext_lazy("Working hours"), "bookings.change_weeklyhours"),
    ("workspace_overview", gettext_lazy("Overview"), "bookings.view_booking"),
    ("workspace_export", gettext_lazy("Export for invoicing"), "bookings.view_booking"),
]


def workspace_app(request) -> dict:
    """The workspace as the first "app" of admin's index and sidebar."""
    links = [
        {
            "name": label,
            "object_name": name.removeprefix("workspace_"),
            "admin_url": reverse(f"admin:{name}"),
            "add_url": None,
            "view_only": True,
            "perms": {"view": True},
        }
        for name, label, perm in WORKSPACE
        if request.user.has_perm(perm)
    ]
    return {
        "name": _("Workspace"),
        "app_label": "workspace",
        "app_url": links[0]["admin_url"] if links else "",
        "has_module_perms": bool(links),
        "models": links,
    }


def require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def today() -> dt.date:
    return timezone.now().astimezone(HELSINKI).date()


def parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_week(value: str | None) -> dt.date | None:
    """ "2027-W12" → the Monday of that ISO week."""
    try:
        year, week = (value or "").upper().split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None


def parse_month(value: str | None) -> dt.date | None:
    """ "2027-03" → 2027-03-01."""
    try:
        year, month = (value or "").split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def chosen_practitioner(request, practitioners):
    """(practitioner in view or None for everyone, the value of the filter)."""
    value = request.GET.get("practitioner", "")
    if value == "all":
        return None, "all"
    for p in practitioners:
        if value == str(p.pk):
            return p, value
    p = planner.default_practitioner(request.user, practitioners)
    return p, str(p.pk) if p else "all"


def _url(name: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return reverse(f"admin:{name}") + ("?" + urlencode(params) if params else "")


def _nav_labels(unit: str) -> dict:
    return {
        "week": {"previous": _("← Previous week"), "next": _("Next week →"), "other": _("Month view")},
        "month": {"previous": _("← Previous month"), "next": _("Next month →"), "other": _("Week view")},
        "day": {"previous": _("← Previous day"), "next": _("Next day →")},
    }[unit]


def _context(request, site, title: str, **extra) -> dict:
    return {**site.each_context(request), "title": title, **extra}


def calendar(request, *, site):
    """Week (default, ?week=2027-W12) or month (?month=2027-03) of one practitioner or everyone."""
    require(request, "bookings.view_booking")
    now_day = today()
    practitioners = planner.practitioners_all()
    chosen, who = chosen_practitioner(request, practitioners)
    month_first = parse_month(request.GET.get("month"))
    if month_first is not None:
        last = add_months(month_first, 1) - dt.timedelta(days=1)
        first_day = month_first - dt.timedelta(days=month_first.weekday())
        last_day = last + dt.timedelta(days=6 - last.weekday())
        view = "month"
        heading = format_month(month_first)
        nav = {
            "previous": _url(
                "workspace_calendar", month=iso_month(add_months(month_first, -1)), practitioner=who
            ),
            "next": _url("workspace_calendar", month=iso_month(add_months(month_first, 1)), practitioner=who),
            "today": _url("workspace_calendar", month=iso_month(now_day), practitioner=who),
            "other": _url("workspace_calendar", week=iso_week(month_first), practitioner=who),
        }
    else:
        first_day = parse_week(request.GET.get("week")) or now_day - dt.timedelta(days=now_day.weekday())
        last_day = first_day + dt.timedelta(days=6)
        view = "week"
        heading = _("Week %(number)s: %(first)s – %(last)s") % {
            "number": first_day.isocalendar().week,
            "first": format_date(first_day),
            "last": format_date(last_day),
        }
        nav = {
            "previous": _url(
                "workspace_calendar", week=iso_week(first_day - dt.timedelta(days=7)), practitioner=who
            ),
            "next": _url(
                "workspace_calendar", week=iso_week(first_day + dt.timedelta(days=7)), practitioner=who
            ),
            "today": _url("workspace_calendar", week=iso_week(now_day), practitioner=who),
            "other": _url("workspace_calendar", month=iso_month(first_day), practitioner=who),
        }
    sheet = planner.sheet_for(
        first_day,
        last_day,
        practitioners=practitioners,
        chosen=chosen,
        site=site,
        request=request,
        today=now_day,
        month=month_first.month if month_first else None,
    )
    for day in sheet.days:
        day.week_url = _url("workspace_calendar", week=iso_week(day.date), practitioner=who)
        day.agenda_url = _url("workspace_agenda", day=day.date.isoformat(), practitioner=who)
    return TemplateResponse(
        request,
        "workspace/calendar.html",
        _context(
            request,
            site,
            _("Calendar"),
            sheet=sheet,
            view=view,
            heading=heading,
            nav=nav,
            practitioners=practitioners,
            chosen=chosen,
            who=who,
            period_name=view,
            period=iso_month(month_first) if month_first else iso_week(first_day),
            nav_labels=_nav_labels(view),
            weekday_names=[label for _value, label in WeeklyHours.Weekday.choices],
            show_who=chosen is None and len(practitioners) > 1,
            can_book=request.user.has_perm("bookings.add_booking"),
        ),
    )


@require_http_methods(["GET", "POST"])
def agenda(request, *, site):
    """One day's sessions in order (?day=2027-03-22, default today): who, what, where, notes."""
    require(request, "bookings.view_booking")
    if request.method == "POST":
        return _note(request) if "internal_note" in request.POST else _mark(request)
    now_day = today()
    day = parse_day(request.GET.get("day")) or now_day
    practitioners = planner.practitioners_all()
    chosen, who = chosen_practitioner(request, practitioners)
    sheet = planner.sheet_for(
        day, day, practitioners=practitioners, chosen=chosen, site=site, request=request, today=now_day
    )
    the_day = sheet.days[0]
    title = _("Agenda") if day != now_day else _("Today's agenda")
    return TemplateResponse(
        request,
        "workspace/agenda.html",
        _context(
            request,
            site,
            title,
            day=the_day,
            heading=format_date(day),
            placed=sorted(the_day.placed, key=lambda p: (not p.all_day, p.start, p.item.block.pk)),
            practitioners=practitioners,
            chosen=chosen,
            who=who,
            hours_shown=sheet.hours_shown,
            now=timezone.now(),
            can_mark=request.user.has_perm("bookings.change_booking"),
            period_name="day",
            period=day.isoformat(),
            nav_labels=_nav_labels("day"),
            show_who=chosen is None and len(practitioners) > 1,
            nav={
                "previous": _url(
                    "workspace_agenda", day=(day - dt.timedelta(days=1)).isoformat(), practitioner=who
                ),
                "next": _url(
                    "workspace_agenda", day=(day + dt.timedelta(days=1)).isoformat(), practitioner=who
                ),
                "today": _url("workspace_agenda", practitioner=who),
                "week": _url("workspace_calendar", week=iso_week(day), practitioner=who),
            },
        ),
    )


def _back_to_agenda(request, booking_pk=None):
    back = request.POST.get("next", "")
    if not back.startswith(reverse("admin:workspace_agenda")):
        back = reverse("admin:workspace_agenda")
    return redirect(back + (f"#booking-{booking_pk}" if booking_pk else ""))


def _mark(request):
    require(request, "bookings.change_booking")
    pk = request.POST.get("booking", "")
    if not pk.isdigit():
        raise Http404
    booking = get_object_or_404(Booking, pk=pk)
    status = request.POST.get("status", "")
    try:
        booking_mark(booking=booking, status=status, by_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        label = Booking.Status(status).label
        messages.success(
            request, _("%(client)s: %(status)s.") % {"client": booking.client_name, "status": label}
        )
    return _back_to_agenda(request, booking.pk)


def _note(request):
    require(request, "bookings.change_booking")
    form = BookingNoteForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.get("internal_note", [])), _("The note could not be saved."))
        messages.error(request, error)
        return _back_to_agenda(request)
    booking = get_object_or_404(Booking, pk=form.cleaned_data["booking"])
    booking_note(booking=booking, note=form.cleaned_data["internal_note"], by_user=request.user)
    messages.success(request, _("%(client)s: internal note saved.") % {"client": booking.client_name})
    return _back_to_agenda(request, booking.pk)


def overview(request, *, site):
    """This month and the next (?month=2027-03 moves it): utilisation per week, bookings by
    service, cancellations and no-shows, check-in ratings; SVG charts with their figures."""
    require(request, "bookings.view_booking")
    now_day = today()
    first = parse_month(request.GET.get("month")) or now_day.replace(day=1)
    practitioners = planner.practitioners_all()
    chosen, who = chosen_practitioner(request, practitioners)
    figures = overview_figures.figures(
        first,
        add_months(first, 2) - dt.timedelta(days=1),
        practitioners=[chosen] if chosen else practitioners,
    )
    return TemplateResponse(
        request,
        "workspace/overview.html",
        _context(
            request,
            site,
            _("Overview"),
            figures=figures,
            heading=_("%(first)s and %(second)s")
            % {
                "first": format_month(first),
                "second": format_month(add_months(first, 1)),
            },
            practitioners=practitioners,
            chosen=chosen,
            who=who,
            period_name="month",
            period=iso_month(first),
            nav_labels=_nav_labels("month"),
            nav={
                "previous": _url(
                    "workspace_overview", month=iso_month(add_months(first, -1)), practitioner=who
                ),
                "next": _url("workspace_overview", month=iso_month(add_months(first, 1)), practitioner=who),
                "today": _url("workspace_overview", practitioner=who),
            },
        ),
    )
