"""Dates and times as people here write them. The one place that formats a time for humans.

fi  ti 24.11.2026 klo 14.00–15.30
sv  tis 24.11.2026 kl. 14.00–15.30
en  Tue 24 Nov 2026, 14:00–15:30
"""

import datetime as dt

from django.utils import translation
from django.utils.dateformat import format as date_format

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


def format_month(day: dt.date, *, with_year: bool = True) -> str:
    """`Marraskuu 2026` / `November 2026`: a month as a heading (the name from Django's catalogues)."""
    return date_format(day, "F Y" if with_year else "F").capitalize()


def format_day_month(day: dt.date, language: str | None = None) -> str:
    """`24.11.` / `24 Nov`: a day of the current year, short (weekly figures)."""
    if _lang(language) == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]}"
    return f"{day.day}.{day.month}."


# Machine forms (URL parameters, form values, file names): ISO 8601, never shown as prose.


def iso_month(day: dt.date) -> str:
    """`2026-11`: a month as a URL parameter."""
    return f"{day.year:04d}-{day.month:02d}"


def iso_local_minute(value: dt.datetime) -> str:
    """`2026-11-24T14:00`: a Helsinki wall-clock minute, as a URL parameter or a form value."""
    return local(value).replace(tzinfo=None).isoformat(timespec="minutes")


def iso_time(value: dt.time) -> str:
    """`14:00`: a time as a form value."""
    return value.isoformat(timespec="minutes")


def file_stamp(value: dt.datetime) -> str:
    """`20261124-140000`: a Helsinki time in a file name."""
    return (
        local(value)
        .replace(tzinfo=None)
        .isoformat(timespec="seconds")
        .replace("-", "")
        .replace(":", "")
        .replace("T", "-")
    )


def numeric_date(value: dt.date | dt.datetime) -> str:
    """`24.11.2026`: a (Helsinki) day as Finnish spreadsheets and forms read it (no weekday)."""
    day = local(value).date() if isinstance(value, dt.datetime) else value
    return f"{day.day}.{day.month}.{day.year}"


def numeric_when(value: dt.datetime) -> str:
    """`24.11.2026 14.00`: a Helsinki time as people type it into a form (no weekday)."""
    return f"{numeric_date(value)} {format_time(value, 'fi')}"
