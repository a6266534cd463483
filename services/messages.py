"""Message kinds of the public site, registered with notifications (see notifications/registry.py)."""

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.registry import Email, kind

from .kinds import RequestMessage
from .models import ServiceRequest


def _context(request: ServiceRequest) -> dict:
    return {
        "req": request,
        "dates": [dt.date.fromisoformat(value) for value in request.preferred_dates],
        "service": request.get_kind_display(),
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_EMAIL": settings.PRACTICE_EMAIL,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        "SITE_URL": settings.SITE_URL,
        "home_url": settings.SITE_URL + reverse("services:home"),
    }


def _email(template: str, context: dict, subject: str, reply_to: str) -> Email:
    return Email(
        subject=subject,
        text=render_to_string(f"services/email/{template}.txt", context),
        html=render_to_string(f"services/email/{template}.html", context),
        reply_to=[reply_to],
    )


@kind(RequestMessage.RECEIVED)
def request_received(message) -> Email | None:
    """To the sender: what we received and what happens next."""
    request = message.target
    if request is None:
        return None
    context = _context(request)
    subject = _("We received your request: %(service)s") % {"service": context["service"]}
    return _email("request_received", context, subject, settings.PRACTICE_EMAIL)


@kind(RequestMessage.NOTIFY)
def request_notify(message) -> Email | None:
    """To the practice: a new request, with a link to it in admin."""
    request = message.target
    if request is None:
        return None
    context = _context(request)
    context["admin_url"] = settings.SITE_URL + reverse(
        "admin:services_servicerequest_change", args=[request.pk]
    )
    subject = _("New request: %(service)s, %(organisation)s") % {
        "service": context["service"],
        "organisation": request.organisation_name,
    }
    return _email("request_notify", context, subject, request.email)


@kind(RequestMessage.CONFIRMED)
def request_confirmed(message) -> Email | None:
    """To the sender: the practitioner confirmed the request, with their message if they wrote one."""
    request = message.target
    if request is None:
        return None
    context = _context(request)
    subject = _("Your request is confirmed: %(service)s") % {"service": context["service"]}
    return _email("request_confirmed", context, subject, settings.PRACTICE_EMAIL)


@kind(RequestMessage.DECLINED)
def request_declined(message) -> Email | None:
    """To the sender: the practitioner cannot take the request on, and why."""
    request = message.target
    if request is None:
        return None
    context = _context(request)
    subject = _("About your request: %(service)s") % {"service": context["service"]}
    return _email("request_declined", context, subject, settings.PRACTICE_EMAIL)
