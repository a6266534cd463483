import datetime as dt
import re

import pytest
import time_machine
from django.utils import translation

from core.time import HELSINKI
from tests.notifications.backends import ScriptedBackend

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
SCRIPTED = {"default": {"BACKEND": "tests.notifications.backends.ScriptedBackend"}}


def helsinki(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


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


def translated(msgid: str, language: str, plural: str | None = None, count: int = 1) -> str:
    """The catalogue's text for `msgid` in `language`; Finnish and Swedish must have one."""
    with translation.override(language):
        text = translation.ngettext(msgid, plural, count) if plural else translation.gettext(msgid)
    assert language == "en" or text not in (msgid, plural), f"no {language} translation of {msgid!r}"
    return text


def fixed_start(msgid: str, language: str) -> str:
    """The translated text up to its first placeholder: what the rendered text starts with."""
    return translated(msgid, language).split("%(")[0]
