"""The workspace's working views in admin: requests waiting, booking on a client's behalf, and a
practitioner's working hours as a weekly grid with date exceptions and time off.

POST → form → one action → redirect; domain errors become messages or field errors.
"""

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.db import transaction
from django.forms import modelformset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.formats import format_date, format_when, local
from notifications.actions import message_cancel

from .. import actions, selectors
from ..admin_forms import DateExceptionForm, DecisionForm, HoursGridForm, OnBehalfForm, SlotSearchForm
from ..availability import local_datetime
from ..exceptions import BookingError, SlotTaken
from ..forms import DetailsForm
from ..models import Booking, DateException, Practitioner, SessionType, TimeOff
from .calendar import TimeOffForm
from .views import require, today

# --- requests waiting ---------------------------------------------------------------------------


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
    """Another app's requests in the list (services registers its request forms): bookings
    imports no app above it, so they plug themselves in from their AppConfig.ready()."""

    kind: str  # the key prefix of its rows, e.g. "request"
    permission: str  # needed to see and decide them
    rows: Callable[[], list[Waiting]]
    # (django request, pk, confirm, note, reason) → the success message; raises DecisionRefused
    decide: Callable[..., str]


class DecisionRefused(Exception):
    """A source's domain error, with a message safe to show."""


_sources: dict[str, WaitingSource] = {}


def register_waiting_source(source: WaitingSource) -> None:
    _sources[source.kind] = source


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
    for source in _sources.values():
        if user.has_perm(source.permission):
            rows += source.rows()
    return sorted(rows, key=lambda w: w.received)


@require_http_methods(["GET", "POST"])
def requests_waiting(request, *, site):
    """Booking requests and organisations' request forms in one list, each confirmed or declined
    with one button; either way the client (or the organisation's contact) is told through the outbox."""
    if not (
        request.user.has_perm("bookings.change_booking")
        or any(request.user.has_perm(source.permission) for source in _sources.values())
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
        "bookings/admin/requests.html",
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
                actions.booking_confirm(booking=booking, by_user=request.user)
            else:
                actions.booking_decline(
                    booking=booking, by_user=request.user, reason=form.cleaned_data["reason"].strip()
                )
        except BookingError as exc:
            messages.error(request, f"{booking.client_name}: {exc.message}")
            return
        text = (
            _("%(client)s: confirmed. The client is told by email.")
            if confirm
            else _("%(client)s: declined. The client is told by email.")
        )
        messages.success(request, text % {"client": booking.client_name})
        return
    source = _sources.get(kind)
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


# --- booking on a client's behalf ------------------------------------------------------------------


@transaction.atomic
def book_for_client(
    *,
    session_type: SessionType,
    start,
    modality: str,
    client,
    by_user,
    ignore_notice: bool,
    submission_key: str,
):
    """Books a free time for a client by the same rules and guard as the public flow (notice may be
    overridden) and returns (booking, personal link token). The practitioner decided already, so a
    request-mode type is confirmed at once: the client gets one confirmation, not a "request received".
    Raises OutsideAvailability or SlotTaken like booking_create; never leaves half a booking."""
    booking, token = actions.booking_create(
        session_type=session_type,
        start=start,
        modality=modality,
        client=client,
        created_by=by_user,
        ignore_notice=ignore_notice,
        submission_key=submission_key,
    )
    if booking.status == Booking.Status.REQUESTED:
        message_cancel(target=booking, kinds=["booking_requested", "practitioner_booking"])
        booking = actions.booking_confirm(booking=booking, by_user=by_user)
    return booking, token


@require_http_methods(["GET", "POST"])
def book_on_behalf(request, *, site):
    """A session type, a way of meeting and a day show that day's free times; choosing one and the
    client's details books it. The client gets the same confirmation and personal link as online."""
    require(request, "bookings.add_booking")
    data = request.POST if request.method == "POST" else request.GET
    search = SlotSearchForm(data if "session_type" in data else None)
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
            booking, _token = book_for_client(
                session_type=session_type,
                start=form.cleaned_data["start"],
                modality=form.cleaned_data["modality"],
                client=details.client(language=form.cleaned_data["language"]),
                by_user=request.user,
                ignore_notice=form.cleaned_data["ignore_notice"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except BookingError as exc:
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
        "bookings/admin/book.html",
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


# --- working hours, date exceptions and time off -------------------------------------------------


def hours_choose(request, *, site):
    """The practitioners whose hours can be edited; with one, straight to their grid."""
    require(request, "bookings.change_weeklyhours")
    practitioners = list(Practitioner.objects.filter(is_active=True).order_by("display_name"))
    own = next((p for p in practitioners if p.user_id == request.user.pk), None)
    if own is not None or len(practitioners) == 1:
        return redirect("admin:workspace_hours_grid", (own or practitioners[0]).pk)
    return TemplateResponse(
        request,
        "bookings/admin/hours_choose.html",
        {**site.each_context(request), "title": _("Working hours"), "practitioners": practitioners},
    )


ExceptionFormSet = modelformset_factory(DateException, form=DateExceptionForm, extra=2, can_delete=True)


def kept_exceptions(formset) -> list[dict]:
    """The date exceptions the grid keeps, as DateException fields (not the rows deleted or left empty)."""
    fields = DateExceptionForm._meta.fields
    return [
        {name: form.cleaned_data[name] for name in fields}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class TimeOffDaysForm(forms.Form):
    """Time off on the weekly grid: from one day until another, both included. Without times the
    days are whole Helsinki days, midnight to midnight local time even when the clocks change."""

    SKIPPED = gettext_lazy("This time does not exist on the day the clocks go forward. Choose another time.")

    first_day = forms.DateField(
        label=gettext_lazy("From date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label=gettext_lazy("Until date"),
        help_text=gettext_lazy("This day is included."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    from_time = forms.TimeField(
        label=gettext_lazy("From time"),
        required=False,
        help_text=gettext_lazy("Empty: from the start of the first day."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    until_time = forms.TimeField(
        label=gettext_lazy("Until time"),
        required=False,
        help_text=gettext_lazy("Empty: until the end of the last day."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if not (first and last) or "from_time" in self.errors or "until_time" in self.errors:
            return data
        until = data.get("until_time")
        start = local_datetime(first, data.get("from_time") or dt.time(0))
        end = (
            local_datetime(last, until) if until else local_datetime(last + dt.timedelta(days=1), dt.time(0))
        )
        if start is None:
            self.add_error("from_time", self.SKIPPED)
        if end is None:
            self.add_error("until_time", self.SKIPPED)
        if last < first:
            self.add_error("last_day", _("The end must be after the start."))
        elif start and end and start >= end:
            self.add_error("until_time", _("The end must be after the start."))
        if not self.errors:
            data["start"], data["end"] = start, end
        return data


class TimeOffRemoveForm(forms.Form):
    time_off = forms.ModelChoiceField(queryset=TimeOff.objects.none())

    def __init__(self, *args, practitioner: Practitioner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_off"].queryset = TimeOff.objects.filter(practitioner=practitioner).select_related(
            "block"
        )


def time_off_label(time_off: TimeOff) -> str:
    """Whole days as days (`ma 29.3.2027 – ti 30.3.2027`, the last day included), else the times."""
    start, end = local(time_off.start), local(time_off.end)
    if start.time() != dt.time(0) or end.time() != dt.time(0):
        return format_when(time_off.start, time_off.end)
    last = end.date() - dt.timedelta(days=1)
    if last == start.date():
        return format_date(start)
    return f"{format_date(start)} – {format_date(last)}"


def _time_off_add(request, practitioner: Practitioner, form: TimeOffDaysForm) -> bool:
    """The add form's POST: True once the time off is taken, else the form carries the errors."""
    require(request, "bookings.add_timeoff")
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        time_off = actions.time_off_add(
            practitioner=practitioner, start=data["start"], end=data["end"], reason=data["reason"]
        )
    except SlotTaken:
        form.add_error(None, TimeOffForm.OVERLAP)
        return False
    messages.success(request, _("Time off added: %(when)s.") % {"when": time_off_label(time_off)})
    return True


def _time_off_remove(request, practitioner: Practitioner):
    require(request, "bookings.delete_timeoff")
    form = TimeOffRemoveForm(request.POST, practitioner=practitioner)
    if form.is_valid():
        time_off = form.cleaned_data["time_off"]
        actions.time_off_remove(time_off=time_off)
        messages.success(
            request,
            _("Time off removed: %(when)s. Its time is free again.") % {"when": time_off_label(time_off)},
        )
    else:
        messages.error(request, _("This time off was removed already."))
    return redirect("admin:workspace_hours_grid", practitioner.pk)


@require_http_methods(["GET", "POST"])
def hours_grid(request, pk: int, *, site):
    """The week as a grid (a few ranges a day, each for in person, online or both), the coming
    date exceptions (extra hours, also on a holiday, or closed) and the coming time off, added and
    removed in place. Each of the page's forms posts here with its own `do`; the others stay as saved."""
    require(request, "bookings.change_weeklyhours")
    practitioner = get_object_or_404(Practitioner, pk=pk)
    posted = request.POST.get("do", "hours") if request.method == "POST" else None
    if posted == "time_off_remove":
        return _time_off_remove(request, practitioner)
    time_off_form = TimeOffDaysForm(request.POST if posted == "time_off_add" else None, prefix="time_off")
    if posted == "time_off_add" and _time_off_add(request, practitioner, time_off_form):
        return redirect("admin:workspace_hours_grid", practitioner.pk)
    rows = list(practitioner.weekly_hours.order_by("weekday", "start_time"))
    most = max((sum(1 for r in rows if r.weekday == d) for d in range(7)), default=0)
    per_day = max(2, most + 1)
    upcoming = DateException.objects.filter(practitioner=practitioner, date__gte=today()).order_by(
        "date", "start_time"
    )
    if posted == "hours":
        grid = HoursGridForm(request.POST, ranges_per_day=per_day)
        exceptions = ExceptionFormSet(request.POST, queryset=upcoming, prefix="exceptions")
        if grid.is_valid() and exceptions.is_valid():
            actions.hours_replace(
                practitioner=practitioner,
                ranges=grid.ranges,
                exceptions=kept_exceptions(exceptions),
                today=today(),
            )
            messages.success(
                request, _("Working hours of %(name)s saved.") % {"name": practitioner.display_name}
            )
            return redirect("admin:workspace_hours_grid", practitioner.pk)
    else:
        grid = HoursGridForm(initial=HoursGridForm.initial_for(rows, per_day), ranges_per_day=per_day)
        exceptions = ExceptionFormSet(queryset=upcoming, prefix="exceptions")
    time_off = [
        (t, time_off_label(t))
        for t in TimeOff.objects.filter(practitioner=practitioner, end__gte=timezone.now()).order_by("start")
    ]
    invalid = posted is not None
    return TemplateResponse(
        request,
        "bookings/admin/hours.html",
        {
            **site.each_context(request),
            "title": _("Working hours of %(name)s") % {"name": practitioner.display_name},
            "practitioner": practitioner,
            "grid": grid,
            "exceptions": exceptions,
            "time_off": time_off,
            "time_off_form": time_off_form,
            "has_errors": invalid,
        },
        status=400 if invalid else 200,
    )
