"""Message kinds. Each app declares its kinds in `<app>/messages.py`, imported from its AppConfig.ready():

    @notifications.registry.kind("booking_confirmed")
    def booking_confirmed(message) -> Email | None:
        booking = message.target
        ...
        return Email(subject=..., text=..., html=..., attachments=[("invite.ics", data, "text/calendar; method=REQUEST")])

The builder runs at send time, inside `translation.override(message.language)`. Returning None
means the message no longer applies (e.g. a reminder of a cancelled booking): it is cancelled.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Email:
    subject: str
    text: str
    html: str = ""
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)
    reply_to: list[str] = field(default_factory=list)


Builder = Callable[..., Email | None]
_kinds: dict[str, Builder] = {}


def kind(name: str) -> Callable[[Builder], Builder]:
    def decorator(builder: Builder) -> Builder:
        _kinds[name] = builder
        return builder

    return decorator


def builder_for(name: str) -> Builder:
    return _kinds[name]


def kinds() -> list[str]:
    return sorted(_kinds)
