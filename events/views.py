"""Open events: the list, an event's page (book seats, or join the waitlist when full), and the
personal pages behind a link: one's seats (calendar file, cancel), one's place in the waitlist,
and a waitlist offer (claim or decline). GET never changes anything; every change is a rate-limited
POST with CSRF that calls one action and redirects; a domain error becomes a message at the form.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bookings.models import Modality
from bookings.policy import cancellation_cutoff
from bookings.selectors import place_of
from core.exceptions import DomainError
from core.headers import attachment_disposition
from core.ratelimit import ratelimit
from core.time import HELSINKI
from practice.selectors import profile
from privacy.links import link_resolve

from . import selectors as selectors_events
from .actions.seats import seat_book, seat_can_cancel_online, seat_cancel
from .actions.settle import settled_read
from .actions.waitlist import offer_claim, waitlist_entry_settled, waitlist_join, waitlist_leave
from .exceptions import OfferGone, RegistrationClosed, SeatsGone, TooManySeats, WaitlistNotNeeded
from .forms import GiveBackForm, OfferForm, SeatForm, WaitlistForm
from .ics import seat_ics
from .kinds import EventLink
from .models import Event, SeatBooking, WaitlistEntry
from .structured_data import event_graph


def _rate():
    return settings.RATELIMIT_BOOKING_FORMS


def _page_context(event: Event) -> dict:
    """What every event page shows: the price, the cancellation terms, the health data's retention."""
    hours = event.session_type.cancellation_cutoff_hours
    return {
        "price": event.price_per_seat,
        "vat_rate": event.vat_rate,
        "vat_registered": profile().vat_registered,
        "cutoff": cancellation_cutoff(event.start, hours),
        "cutoff_hours": hours,
        "health_days": settings.EVENT_HEALTH_RETENTION_DAYS,
    }


@require_GET
def events(request):
    """Upcoming open events, soonest first, with the seats left."""
    upcoming = settled_read(selectors_events.upcoming_public_events)
    for event in upcoming:
        event.left = selectors_events.seats_left(event)
    return render(request, "events/list.html", {"events": upcoming, "indexable": True})


def _event_page(request, event: Event, *, seat_form=None, waitlist_form=None, status=200) -> HttpResponse:
    left = selectors_events.seats_left(event)
    open_now = selectors_events.is_open(event)
    if open_now and left and seat_form is None:
        seat_form = SeatForm(event=event, most=min(left, event.max_seats_per_booking))
    if open_now and left < event.max_seats_per_booking and waitlist_form is None:
        waitlist_form = WaitlistForm(event=event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "left": left,
            "open": open_now,
            "full": left == 0,
            "started": event.start <= timezone.now(),
            "seat_form": seat_form if open_now and left else None,
            "waitlist_form": waitlist_form if open_now else None,
            "offer_hours": settings.EVENT_OFFER_HOURS,
            "structured_data": event_graph(event, seats_left=left),
            "indexable": True,  # a public page, in the sitemap
            **_page_context(event),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="event-seats", rate=_rate)
def event(request, slug):
    """An event: what, when, where, the seats left; the form to book seats."""
    event = settled_read(lambda: selectors_events.event_public(slug))
    if request.method != "POST":
        return _event_page(request, event)
    if not selectors_events.is_open(event):
        messages.error(request, RegistrationClosed.message)
        return redirect("events:event", slug=event.slug)
    form = SeatForm(request.POST, event=event)
    if not form.is_valid():
        return _event_page(request, event, seat_form=form)
    data = form.cleaned_data
    try:
        seat, token = seat_book(
            event=event,
            name=data["name"],
            email=data["email"],
            phone=data["phone"].strip(),
            seats=data["seats"],
            language=translation.get_language(),
            health=form.health(),
            consent=bool(data.get("consent")),
            submission_key=form.submission_key,
        )
    except (SeatsGone, TooManySeats) as exc:
        form.add_error("seats", exc.message)
        fresh = selectors_events.event_with_seats(event.pk)
        waitlist = WaitlistForm(event=fresh, initial={"name": data["name"], "email": data["email"]})
        return _event_page(request, fresh, seat_form=form, waitlist_form=waitlist)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("events:event", slug=event.slug)
    messages.success(
        request,
        ngettext(
            "Thank you, your seat is booked. The confirmation is on its way to %(email)s.",
            "Thank you, your %(count)d seats are booked. The confirmation is on its way to %(email)s.",
            seat.seats,
        )
        % {"count": seat.seats, "email": seat.email},
    )
    return redirect("events:seats", token=token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="event-waitlist", rate=_rate)
def event_waitlist(request, slug):
    """Joining the waitlist (the form is on the event's page)."""
    event = settled_read(lambda: selectors_events.event_public(slug))
    if request.method != "POST":
        return redirect(reverse("events:event", kwargs={"slug": event.slug}) + "#waitlist")
    if not selectors_events.is_open(event):
        messages.error(request, RegistrationClosed.message)
        return redirect("events:event", slug=event.slug)
    form = WaitlistForm(request.POST, event=event)
    if not form.is_valid():
        return _event_page(request, event, waitlist_form=form)
    data = form.cleaned_data
    try:
        entry, token = waitlist_join(
            event=event,
            name=data["name"],
            email=data["email"],
            seats=data["seats"],
            language=translation.get_language(),
            submission_key=form.submission_key,
        )
    except (WaitlistNotNeeded, TooManySeats) as exc:
        form.add_error("seats", exc.message)
        return _event_page(request, selectors_events.event_with_seats(event.pk), waitlist_form=form)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("events:event", slug=event.slug)
    messages.success(
        request, _("You are on the waitlist. We sent the details to %(email)s.") % {"email": entry.email}
    )
    return redirect("events:waitlist_entry", token=token)


# --- one's seats ---------------------------------------------------------------------------------


def _seat(token: str) -> SeatBooking:
    seat = link_resolve(token, purpose=EventLink.SEATS, model=SeatBooking)
    return selectors_events.seat_booking_details(seat.pk)


@never_cache
@require_GET
def seats(request, token):
    """One's seats: the event, the seats, the calendar file, and giving seats back."""
    seat = _seat(token)
    changeable = seat_can_cancel_online(seat)
    return render(
        request,
        "events/seats.html",
        {
            "seat": seat,
            "event": seat.event,
            "token": token,
            "changeable": changeable,
            "live": seat.status == SeatBooking.Status.CONFIRMED
            and seat.event.status == Event.Status.PUBLISHED,
            "form": GiveBackForm(seats=seat.seats) if changeable else None,
            "online": seat.event.modality == Modality.ONLINE,
            "place": place_of(
                modality=seat.event.modality,
                location=seat.event.location,
                practitioner_id=seat.event.practitioner_id,
            ),
            **_page_context(seat.event),
        },
    )


@never_cache
@require_GET
def seats_ics(request, token):
    seat = _seat(token)
    live = seat.status == SeatBooking.Status.CONFIRMED and seat.event.status == Event.Status.PUBLISHED
    response = HttpResponse(
        seat_ics(seat, "PUBLISH" if live else "CANCEL"), content_type="text/calendar; charset=utf-8"
    )
    day = seat.event.start.astimezone(HELSINKI).date().isoformat()
    response["Content-Disposition"] = attachment_disposition(f"{seat.event.slug}-{day}.ics")
    return response


@never_cache
@require_POST
@ratelimit(scope="event-seats-change", rate=_rate)
def seats_cancel(request, token):
    """Gives seats back: free at once, offered to the waitlist in the same transaction."""
    seat = _seat(token)
    form = GiveBackForm(request.POST, seats=seat.seats)
    if not form.is_valid():
        messages.error(request, _("Choose how many seats to cancel."))
        return redirect("events:seats", token=token)
    try:
        seat = seat_cancel(seat_booking=seat, seats=form.cleaned_data["seats"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("events:seats", token=token)
    if seat.status == SeatBooking.Status.CANCELLED:
        messages.success(request, _("Your booking is cancelled. Thank you for letting us know."))
    else:
        messages.success(
            request,
            ngettext("You now have %(count)d seat.", "You now have %(count)d seats.", seat.seats)
            % {"count": seat.seats},
        )
    return redirect("events:seats", token=token)


# --- the waitlist and its offers -----------------------------------------------------------------

ENDED = {  # what became of a place in line that has ended: the page says so with 410 Gone
    WaitlistEntry.Status.EXPIRED,
    WaitlistEntry.Status.DECLINED,
    WaitlistEntry.Status.LEFT,
    WaitlistEntry.Status.CLOSED,
}


def _entry(token: str, purpose: str) -> WaitlistEntry:
    """The entry of a live link, its event settled first when the page would be out of date (an
    offer past its time, a line whose registration closed)."""
    entry = selectors_events.waitlist_entry_details(
        link_resolve(token, purpose=purpose, model=WaitlistEntry).pk
    )
    if waitlist_entry_settled(entry=entry):
        entry = selectors_events.waitlist_entry_details(entry.pk)
    return entry


def _entry_page(request, entry: WaitlistEntry, *, form=None) -> HttpResponse:
    """The place in line, the offer with its form, or what became of them: a claimed offer (the
    seats are yours), an offer that expired or was declined, a line left or closed, each with what
    the person can do now (join the line again, see their seats, see the open events)."""
    event = entry.event
    offered = entry.status == WaitlistEntry.Status.OFFERED and entry.offer_expires_at > timezone.now()
    # An offer that ran out since the entry was read is shown as what it now is: expired.
    state = (
        WaitlistEntry.Status.EXPIRED
        if entry.status == WaitlistEntry.Status.OFFERED and not offered
        else entry.status
    )
    if offered and form is None:
        form = OfferForm(event=event)
    return render(
        request,
        "events/waitlist.html",
        {
            "entry": entry,
            "event": event,
            "position": selectors_events.waitlist_position(entry),
            "offered": offered,
            "form": form if offered else None,
            "offer_hours": settings.EVENT_OFFER_HOURS,
            "state": state,
            "state_label": WaitlistEntry.Status(state).label,
            "cancelled": event.status == Event.Status.CANCELLED,
            "can_rejoin": selectors_events.is_open(event),
            **_page_context(event),
        },
        status=410 if state in ENDED else 200,
    )


def _claim_or_leave(request, entry: WaitlistEntry) -> HttpResponse:
    """The POST of the waitlist and offer pages: claim the offered seats, or leave the line. A
    claim sent again (a double submit, or "See your seats" on a claimed offer) leads to the seats;
    a place that has ended gets the page that says what became of it."""
    leaving = "leave" in request.POST
    claimed = entry.status == WaitlistEntry.Status.CLAIMED
    if entry.status in ENDED or (claimed and leaving):
        return _entry_page(request, entry)
    form = None if claimed or leaving else OfferForm(request.POST, event=entry.event)
    if form is not None and not form.is_valid():
        return _entry_page(request, entry, form=form)
    try:
        if leaving:
            waitlist_leave(entry=entry)
        elif claimed:
            seat, token = offer_claim(entry=entry)
        else:
            seat, token = offer_claim(
                entry=entry,
                phone=form.cleaned_data["phone"].strip(),
                health=form.health(),
                consent=bool(form.cleaned_data.get("consent")),
            )
    except DomainError as exc:
        if not isinstance(exc, OfferGone):  # gone: the page itself says what became of the offer
            messages.error(request, exc.message)
        return _entry_page(request, selectors_events.waitlist_entry_details(entry.pk), form=form)
    if leaving:
        messages.success(request, _("You left the waitlist. Thank you for letting us know."))
        return redirect("events:events")
    if claimed:
        messages.info(request, _("You already have these seats: here they are."))
    else:
        messages.success(
            request,
            _("The seats are yours. The confirmation is on its way to %(email)s.") % {"email": seat.email},
        )
    return redirect("events:seats", token=token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="event-waitlist-change", rate=_rate)
def waitlist_entry(request, token):
    """One's place in the waitlist (position), an offer when there is one, and leaving."""
    entry = _entry(token, EventLink.WAITLIST)
    if request.method == "POST":
        return _claim_or_leave(request, entry)
    return _entry_page(request, entry)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="event-waitlist-change", rate=_rate)
def offer(request, token):
    """A waitlist offer from the email: claim the seats, or decline them (they pass on at once).
    The link outlives the offer: later it says whether the seats were taken, passed on or the
    line closed."""
    entry = _entry(token, EventLink.OFFER)
    if request.method == "POST":
        return _claim_or_leave(request, entry)
    return _entry_page(request, entry)
