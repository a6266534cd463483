"""Message kinds. Each app declares its kinds in `<app>/messages.py`, imported from its AppConfig.ready():

    from notifications.registry import Email, kind
    from notifications.rendering import render_email

    @kind("booking_confirmed", label=_("Booking confirmed (to the client)"))
    def booking_confirmed(message) -> Email | None:
        booking = message.target
        ...
        return render_email("bookings/email/booking_confirmed", {...}, subject=...,
                            attachments=[("invite.ics", data, "text/calendar; method=REQUEST")])

The builder runs at send time, inside `translation.override(message.language)`. Returning None
means the message no longer applies (e.g. a reminder of a cancelled booking): it is cancelled.
An exception from the builder marks the message failed with the reason (a database error is
retried instead); the admin can resend it once the cause is fixed.

A time-bound kind declares when it is too late: `@kind("booking_reminder", until=lambda m: ...)`
gives the last moment the message is worth sending (the agenda: noon of its day; a reminder: the
session's start). The sender asks it just before building, however long the row waited (downtime,
retries, a resend): after that moment the message is skipped, not built, and the log says why.

Messages due by the calendar rather than by a change (the practitioner's daily agenda) are
queued by a producer: `@producer def queue_x(now) -> None`, run at the start of every send pass.
A producer must be idempotent, which `message_queue` with a fixed occurrence is.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass
class Email:
    subject: str
    text: str
    html: str = ""
    # (filename, content, mimetype); the mimetype may carry parameters: "text/calendar; method=REQUEST"
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)
    reply_to: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


Builder = Callable[..., Email | None]
Producer = Callable[..., None]
Until = Callable[..., dt.datetime | None]
_kinds: dict[str, Builder] = {}
_until: dict[str, Until] = {}
_labels: dict[str, object] = {}
_producers: list[Producer] = []


def _same(a: Callable, b: Callable) -> bool:
    # A module imported twice (e.g. by a test runner) registers an equal function again.
    return (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def kind(name: str, *, label=None, until: Until | None = None) -> Callable[[Builder], Builder]:
    """Registers the builder of message kind `name`; `label` is shown in the admin's message log.
    `until(message)` is the last moment a message of a time-bound kind is worth sending (None: no
    limit for this one); it runs at send time with the message's target loaded."""

    def decorator(builder: Builder) -> Builder:
        if name in _kinds and not _same(_kinds[name], builder):
            raise ImproperlyConfigured(
                f"Message kind {name!r} is registered twice: {_kinds[name].__module__} and {builder.__module__}."
            )
        _kinds[name] = builder
        _labels[name] = label or name
        if until is not None:
            _until[name] = until
        return builder

    return decorator


def producer(function: Producer) -> Producer:
    """Registers a function `(now) -> None` that queues calendar-driven messages idempotently."""
    if not any(_same(function, known) for known in _producers):
        _producers.append(function)
    return function


def builder_for(name: str) -> Builder:
    return _kinds[name]


def send_until(message) -> dt.datetime | None:
    """The last moment `message` is worth sending by its kind's rule, or None (no limit)."""
    rule = _until.get(message.kind)
    return rule(message) if rule is not None else None


def is_time_bound(name: str) -> bool:
    return name in _until


def is_registered(name: str) -> bool:
    return name in _kinds


def label_for(name: str):
    return _labels.get(name, name)


def kinds() -> list[str]:
    return sorted(_kinds)


def producers() -> list[Producer]:
    return list(_producers)
