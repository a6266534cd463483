"""Dates and times as people here write them. The one place that formats a time for humans.

fi  ti 24.11.2026 klo 14.00–15.30
sv  tis 24.11.2026 kl. 14.00–15.30
en  Tue 24 Nov 2026, 14:00–15:30
"""

import datetime as dt

from django.utils import translation

from .time import local

_WEEKDAYS = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TIME_WORD = {"fi": "klo ", "sv": "kl. ", "en": ""}


def _lang(language: str | None) -> str:
    code = (language or translation.get_language() or "fi")[:2]
    return code if code in _WEEKDAYS else "fi"


def format_date(value: dt.date | dt.datetime, language: str | None = None) -> str:
    lang = _lang(language)
    day = local(value).date() if isinstance(value, dt.datetime) else value
    weekday = _WEEKDAYS[lang][day.weekday()]
    if lang == "en":
        return f"{weekday} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{weekday} {day.day}.{day.month}.{day.year}"


def format_time(value: dt.datetime | dt.time, language: str | None = None) -> str:
    t = local(value).time() if isinstance(value, dt.datetime) else value
    sep = ":" if _lang(language) == "en" else "."
    return f"{t.hour:02d}{sep}{t.minute:02d}"


def format_when(start: dt.datetime, end: dt.datetime | None = None, language: str | None = None) -> str:
    """`ti 24.11.2026 klo 14.00–15.30`; an end on another day is written out in full."""
    lang = _lang(language)
    start = local(start)
    joiner = ", " if lang == "en" else " "
    text = f"{format_date(start, lang)}{joiner}{_TIME_WORD[lang]}{format_time(start, lang)}"
    if end is None:
        return text
    end = local(end)
    if end.date() == start.date():
        return f"{text}–{format_time(end, lang)}"
    return f"{text} – {format_when(end, None, lang)}"
