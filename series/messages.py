"""Message kinds of supervision series and their agreements (see notifications/registry.py).

Each builder runs at send time in the recipient's language and renders the series as it is then;
it returns None when the message no longer applies. Personal links are made here, when the email
is sent, so that no token waits in the database.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.actions.common import LINK_LIFETIME_AFTER_END
from bookings.ics import attachment, booking_ics
from bookings.models import Booking
from core.formats import format_when
from core.money import format_price
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, render_email
from privacy.links import link_create

from . import selectors
from .kinds import SeriesLink, SeriesMessage
from .models import Series, SupervisionAgreement

TEMPLATES = "series/email/"


def _price(amount: Decimal, vat_rate: Decimal) -> str:
    return format_price(amount, vat_rate, vat_registered=settings.PRACTICE_VAT_REGISTERED)


def _email(template: str, context: dict, *, subject: str, reply_to: str, attachments=None) -> Email:
    return render_email(
        TEMPLATES + template, context, subject=subject, attachments=attachments, reply_to=[reply_to]
    )


def _series(message) -> Series | None:
    try:
        return selectors.series_with_sessions(message.target_id)
    except Series.DoesNotExist:
        return None


def _series_url(series: Series) -> str:
    last = max((s.booking.end for s in series.sessions.all()), default=timezone.now())
    token = link_create(purpose=SeriesLink.SERIES, target=series, expires_at=last + LINK_LIFETIME_AFTER_END)
    return absolute_url("series:series", token=token)


def _series_context(series: Series, **extra) -> dict:
    agreement = series.agreement
    return {
        "series": series,
        "agreement": agreement,
        "name": agreement.contact_name,
        "sessions": list(series.sessions.all()),
        "counts": selectors.series_counts(series),
        "price": _price(agreement.price_per_session, agreement.vat_rate),
        **extra,
    }


def _session_ics(session, method: str) -> tuple[str, bytes, str]:
    return attachment(f"session-{session.number}.ics", booking_ics(session.booking, method), method)


LIVE = (Booking.Status.CONFIRMED, Booking.Status.REQUESTED)


@kind(SeriesMessage.BOOKED, label=gettext_lazy("Supervision series booked (to the organisation's contact)"))
def series_booked(message) -> Email | None:
    """One email for the whole series, with one calendar file per session."""
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "confirmed")
    wanted = Booking.Status.REQUESTED if what == "requested" else Booking.Status.CONFIRMED
    sessions = [s for s in series.sessions.all() if s.booking.status == wanted]
    if not sessions:
        return None
    subject = (
        _("Supervision series requested: %(count)d sessions from %(first)s")
        if what == "requested"
        else _("Supervision series booked: %(count)d sessions from %(first)s")
    ) % {"count": len(sessions), "first": format_when(sessions[0].booking.start)}
    return _email(
        SeriesMessage.BOOKED,
        _series_context(series, what=what, booked=sessions, series_url=_series_url(series)),
        subject=subject,
        reply_to=series.practitioner.email,
        attachments=[_session_ics(s, "REQUEST") for s in sessions],
    )


@kind(SeriesMessage.CHANGED, label=gettext_lazy("Supervision series changed (to the organisation's contact)"))
def series_changed(message) -> Email | None:
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "moved")
    numbers = set(message.context.get("numbers", []))
    changed = [s for s in series.sessions.all() if s.number in numbers]
    if not changed:
        return None
    method = "REQUEST" if what == "moved" else "CANCEL"
    subjects = {
        "moved": _("Supervision sessions moved: %(count)d"),
        "cancelled": _("Supervision sessions cancelled: %(count)d"),
        "declined": _("Your supervision series could not be confirmed"),
    }
    subject = subjects.get(what, subjects["moved"]) % {"count": len(changed)}
    return _email(
        SeriesMessage.CHANGED,
        _series_context(series, what=what, changed=changed, series_url=_series_url(series)),
        subject=subject,
        reply_to=series.practitioner.email,
        attachments=[_session_ics(s, method) for s in changed],
    )


@kind(
    SeriesMessage.AGREEMENT_TO_CONFIRM,
    label=gettext_lazy("Supervision agreement to confirm (to the organisation's contact)"),
)
def agreement_to_confirm(message) -> Email | None:
    series = _series(message)
    if series is None or series.agreement.status != SupervisionAgreement.Status.PROPOSED:
        return None
    last = max((s.booking.end for s in series.sessions.all()), default=timezone.now())
    expires = max(last, timezone.now() + dt.timedelta(days=30)) + LINK_LIFETIME_AFTER_END
    token = link_create(purpose=SeriesLink.AGREEMENT, target=series.agreement, expires_at=expires)
    return _email(
        SeriesMessage.AGREEMENT_TO_CONFIRM,
        _series_context(series, agreement_url=absolute_url("series:agreement", token=token)),
        subject=_("Please confirm the supervision agreement: %(payer)s") % {"payer": series.agreement.payer},
        reply_to=series.practitioner.email,
    )


PRACTITIONER_SUBJECTS = {
    "requested": gettext_lazy("New supervision series request: %(payer)s"),
    "confirmed": gettext_lazy("New supervision series: %(payer)s"),
    "agreement_confirmed": gettext_lazy("Supervision agreement confirmed: %(payer)s"),
    "cancelled": gettext_lazy("Supervision sessions cancelled: %(payer)s"),
    "moved": gettext_lazy("Supervision sessions moved: %(payer)s"),
    "declined": gettext_lazy("Supervision series declined: %(payer)s"),
}


def _admin_url(series: Series) -> str:
    try:
        return absolute_url("admin:series_series_change", series.pk)
    except NoReverseMatch:
        return absolute_url("admin:index")


@kind(SeriesMessage.PRACTITIONER, label=gettext_lazy("Supervision series news (to the practitioner)"))
def practitioner_series(message) -> Email | None:
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "confirmed")
    numbers = set(message.context.get("numbers", []))
    subject = PRACTITIONER_SUBJECTS.get(what, PRACTITIONER_SUBJECTS["confirmed"]) % {
        "payer": series.agreement.payer
    }
    return _email(
        SeriesMessage.PRACTITIONER,
        _series_context(
            series,
            what=what,
            changed=[s for s in series.sessions.all() if s.number in numbers],
            admin_url=_admin_url(series),
        ),
        subject=subject,
        reply_to=series.agreement.contact_email,
    )
