import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone, translation

from bookings.actions.booking import booking_create
from bookings.actions.common import Client
from core.time import HELSINKI
from notifications.actions import message_queue
from notifications.models import Message
from notifications.registry import Email, kind
from tests.notifications.backends import ScriptedBackend

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
SCRIPTED = {"default": {"BACKEND": "tests.notifications.backends.ScriptedBackend"}}


def helsinki(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


@kind("test_note", label="A note (tests)")
def build_note(message) -> Email | None:
    """A kind of the tests' own: `context["build"]` can make it refuse ("none") or break ("raise")."""
    behaviour = message.context.get("build")
    if behaviour == "none":
        return None
    if behaviour == "raise":
        raise RuntimeError("template is broken")
    return Email(
        subject=f"Note {message.pk}", text=f"Hello {message.target}", html=f"<p>Hello {message.target}</p>"
    )


def queue_notes(count: int, *, due_at=None, **extra) -> list[Message]:
    """`count` due test notes, each about a user of its own."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"note-{i}-{User.objects.count()}", email=f"n{i}@example.fi") for i in range(count)
    )
    return [
        message_queue(
            kind="test_note",
            target=user,
            recipient=user.email,
            language="fi",
            due_at=due_at or timezone.now(),
            **extra,
        )
        for user in users
    ]


def message_ids(outbox) -> list[str]:
    return [m.extra_headers["Message-ID"] for m in outbox]


MESSAGE_ID = re.compile(r"^Message-ID: (.+)$", re.MULTILINE | re.IGNORECASE)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Finnish: a request to /sv/ leaves Swedish active in the thread, and
    factories would then write the Finnish fields of translated models in Swedish."""
    translation.activate("fi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counts live in the (process-wide) cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scripted(settings):
    settings.MAILERS = SCRIPTED
    ScriptedBackend.script = []
    ScriptedBackend.opened = 0
    ScriptedBackend.observe, ScriptedBackend.observed = None, []
    yield ScriptedBackend
    ScriptedBackend.script = []
    ScriptedBackend.observe, ScriptedBackend.observed = None, []


def book(session_type, start, *, language="fi", modality="online", now=None, name="Maija Meikäläinen"):
    """A booking made through the real action (which queues its messages), `now` defaulting to the clock."""
    return booking_create(
        session_type=session_type,
        start=start,
        modality=modality,
        client=Client(name=name, email="maija@example.fi", phone="040 1234567", language=language),
        now=now or timezone.now(),
    )


def translated(msgid: str, language: str, plural: str | None = None, count: int = 1) -> str:
    """The catalogue's text for `msgid` in `language`; Finnish and Swedish must have one."""
    with translation.override(language):
        text = translation.ngettext(msgid, plural, count) if plural else translation.gettext(msgid)
    assert language == "en" or text not in (msgid, plural), f"no {language} translation of {msgid!r}"
    return text


def fixed_start(msgid: str, language: str) -> str:
    """The translated text up to its first placeholder: what the rendered text starts with."""
    return translated(msgid, language).split("%(")[0]
