"""The practitioner's daily agenda email, a message kind registered with notifications."""

import datetime as dt

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bookings import selectors
from bookings.messages import booking_admin_url, booking_context
from bookings.models import Booking, Practitioner
from core.formats import format_date
from core.time import day_bounds, local, local_datetime
from events.models import Event, SeatBooking
from notifications.actions import message_queue
from notifications.registry import Email, kind, producer
from notifications.rendering import absolute_url, absolute_url_or_none, render_email

from .kinds import WorkspaceMessage

AGENDA_AT = dt.time(7, 0)
AGENDA_UNTIL = dt.time(12, 0)  # today's agenda is still worth sending until noon, not after
Status = Booking.Status


def _events_of(practitioner: Practitioner, day: dt.date) -> list[Event]:
    """The practitioner's events of a Helsinki day (not cancelled), with the seats taken."""
    taken = Sum("seat_bookings__seats", filter=Q(seat_bookings__status=SeatBooking.Status.CONFIRMED))
    start, end = day_bounds(day)
    return list(
        Event.objects.filter(practitioner=practitioner, start__gte=start, start__lt=end)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("location")
        .annotate(seats_taken=Coalesce(taken, 0))
        .order_by("start")
    )


def _agenda_subject(day: dt.date, bookings: int, events: int) -> str:
    date = format_date(day)
    if not events:
        return ngettext(
            "Your day %(date)s: %(count)d booking", "Your day %(date)s: %(count)d bookings", bookings
        ) % {"date": date, "count": bookings}
    if not bookings:
        return ngettext(
            "Your day %(date)s: %(count)d event", "Your day %(date)s: %(count)d events", events
        ) % {"date": date, "count": events}
    return _("Your day %(date)s: bookings and events") % {"date": date}


def _agenda_until(message) -> dt.datetime:
    """An agenda is worth sending on its own day before noon, not after (nor days late)."""
    return local_datetime(dt.date.fromisoformat(message.context["day"]), AGENDA_UNTIL)


@kind(
    WorkspaceMessage.AGENDA,
    label=gettext_lazy("Daily agenda (to the practitioner)"),
    until=_agenda_until,
)
def practitioner_agenda(message) -> Email | None:
    """The practitioner's day at 07.00: bookings and events, each with a link to admin; nothing
    is sent for a day without either."""
    practitioner = message.target
    day = dt.date.fromisoformat(message.context["day"])
    bookings = selectors.agenda_for(practitioner, day)
    events = _events_of(practitioner, day)
    if not practitioner.is_active or not (bookings or events):
        return None
    rows = [
        {
            **booking_context(booking),
            "admin_url": booking_admin_url(booking),
            "requested": booking.status == Status.REQUESTED,
        }
        for booking in bookings
    ]
    rows += [
        {"event": event, "admin_url": absolute_url_or_none("admin:events_event_change", event.pk)}
        for event in events
    ]
    rows.sort(key=lambda row: (row.get("event") or row["booking"]).start)
    return render_email(
        "workspace/practitioner_agenda",
        {"practitioner": practitioner, "day": day, "rows": rows, "admin_url": absolute_url("admin:index")},
        subject=_agenda_subject(day, len(bookings), len(events)),
    )


@producer
def queue_agendas(now: dt.datetime) -> None:
    """Makes sure each active practitioner has an agenda row for tomorrow 07.00 (and for today,
    until noon), due at 07.00 Helsinki time. Idempotent: the day is the message's occurrence."""
    today = local(now).date()
    days = [today + dt.timedelta(days=1)]
    if local(now).time() < AGENDA_UNTIL:
        days.append(today)
    for practitioner in Practitioner.objects.filter(is_active=True):
        for day in days:
            message_queue(
                kind=WorkspaceMessage.AGENDA,
                target=practitioner,
                recipient=practitioner.email,
                language=practitioner.language,
                due_at=local_datetime(day, AGENDA_AT),
                occurrence=day.isoformat(),
                context={"day": day.isoformat()},
            )
