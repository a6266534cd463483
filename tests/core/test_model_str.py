"""One way to print a time: every model's title (`__str__`, which admin titles, history lines,
dropdowns and autocompletes print) shows a time in Helsinki time through core.formats, never UTC.

Each of our models is built in memory with every date and time field at one instant, 10.00 in
Helsinki (08.00 UTC), and its related rows built the same way; its title must never read 08.00."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from core.time import HELSINKI

INSTANT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)  # 08.00 UTC
UTC_CLOCK = re.compile(r"\b0?8[.:]00\b")
ANY_CLOCK = re.compile(r"(?<![\d.])\d{1,2}[.:]\d{2}(?![\d.])")  # 10.00, not 24.11.2026
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Titles that are about a time: each must show it.
TIMED = {
    "bookings.booking",
    "bookings.bookingchange",
    "bookings.calendarblock",
    "bookings.timeoff",
    "bookings.weeklyhours",
    "events.event",
    "mediation.meeting",
    "mediation.stagechange",
    "mediation.timeproposal",
    "privacy.privacyrequest",
    "series.seriessession",
}


def our_models() -> list[type[models.Model]]:
    base = Path(settings.BASE_DIR).resolve()
    return [
        model
        for model in apps.get_models()
        if (path := Path(model._meta.app_config.path).resolve()).is_relative_to(base)
        and "site-packages" not in path.parts  # a .venv inside the checkout holds others' apps
    ]


def _follow(field, model, depth: int) -> bool:
    return depth < 3 and not field.remote_field.parent_link and field.related_model is not model


def built(model: type[models.Model], depth: int = 0) -> models.Model:
    """An unsaved `model` whose date and time fields are all at INSTANT, and whose own relations
    (a few levels deep) are unsaved rows built the same way."""
    instance = model()
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateTimeField):
            setattr(instance, field.attname, INSTANT)
        elif isinstance(field, models.DateField):
            setattr(instance, field.attname, INSTANT.date())
        elif isinstance(field, models.TimeField):
            setattr(instance, field.attname, INSTANT.time())
        elif (field.many_to_one or field.one_to_one) and _follow(field, model, depth):
            setattr(instance, field.name, built(field.related_model, depth + 1))
    return instance


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_models_title_shows_a_time_in_helsinki_time(language):
    seen = {}
    with translation.override(language):
        for model in our_models():
            seen[model._meta.label_lower] = str(built(model))
    separator = ":" if language == "en" else "."
    for label, title in seen.items():
        assert not UTC_CLOCK.search(title), (label, title)
        for clock in ANY_CLOCK.findall(title):
            assert clock == f"10{separator}00", (label, title)
    for label in TIMED:
        assert f"10{separator}00" in seen[label], (label, seen[label])
    assert set(seen) >= TIMED


def test_no_title_writes_a_date_the_machine_way():
    titles = {model._meta.label_lower: str(built(model)) for model in our_models()}
    assert {label: title for label, title in titles.items() if ISO_DATE.search(title)} == {}
