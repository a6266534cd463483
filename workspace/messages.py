"""The practitioner's daily agenda email, a message kind registered with notifications: the day
read from the one calendar table (bookings.agenda), every kind of block the practitioner has."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bookings.agenda import NOT_WORKING, AgendaRow, day_agenda, worth_sending
from bookings.messages import booking_admin_url, booking_context
from bookings.models import Booking, Practitioner
from core.formats import format_date
from core.time import local, local_datetime
from notifications.actions import message_queue
from notifications.registry import Email, kind, producer
from notifications.rendering import absolute_url, render_email

from .kinds import WorkspaceMessage

AGENDA_AT = dt.time(7, 0)
AGENDA_UNTIL = dt.time(12, 0)  # today's agenda is still worth sending until noon, not after
Status = Booking.Status


def _agenda_subject(day: dt.date, rows: list[AgendaRow]) -> str:
    date = format_date(day)
    working = [row for row in rows if row.kind not in NOT_WORKING]
    bookings = sum(1 for row in working if row.booking is not None)
    events = sum(1 for row in working if row.event is not None)
    if bookings + events < len(working):  # a mediation meeting, say
        return ngettext(
            "Your day %(date)s: %(count)d calendar entry",
            "Your day %(date)s: %(count)d calendar entries",
            len(working),
        ) % {"date": date, "count": len(working)}
    if not events:
        return ngettext(
            "Your day %(date)s: %(count)d booking", "Your day %(date)s: %(count)d bookings", bookings
        ) % {"date": date, "count": bookings}
    if not bookings:
        return ngettext(
            "Your day %(date)s: %(count)d event", "Your day %(date)s: %(count)d events", events
        ) % {"date": date, "count": events}
    return _("Your day %(date)s: bookings and events") % {"date": date}


def _row(row: AgendaRow) -> dict:
    if row.booking is None:
        return {"row": row, "event": row.event, "admin_url": row.admin_url}
    return {
        "row": row,
        **booking_context(row.booking),
        "admin_url": booking_admin_url(row.booking),
        "requested": row.booking.status == Status.REQUESTED,
    }


def _agenda_until(message) -> dt.datetime:
    """An agenda is worth sending on its own day before noon, not after (nor days late)."""
    return local_datetime(dt.date.fromisoformat(message.context["day"]), AGENDA_UNTIL)


@kind(
    WorkspaceMessage.AGENDA,
    label=gettext_lazy("Daily agenda (to the practitioner)"),
    until=_agenda_until,
)
def practitioner_agenda(message) -> Email | None:
    """The practitioner's day at 07.00: every block of their calendar that day (bookings, events,
    mediation meetings under a neutral label, time off), each with a link to admin where it has
    one; nothing is sent for a day with nothing but time off."""
    practitioner = message.target
    day = dt.date.fromisoformat(message.context["day"])
    rows = day_agenda(practitioner, day)
    if not practitioner.is_active or not worth_sending(rows):
        return None
    return render_email(
        "workspace/practitioner_agenda",
        {
            "practitioner": practitioner,
            "day": day,
            "rows": [_row(row) for row in rows],
            "admin_url": absolute_url("admin:index"),
        },
        subject=_agenda_subject(day, rows),
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
