"""make demo: running it again changes nothing (the same links, printed on every run, keep working),
the bookings whose check-in and reminder are due are there whatever the day and hour, and every
weekday that is not a holiday has free times."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command

from bookings.availability import finnish_holidays
from bookings.models import (
    Booking,
    BookingChange,
    CalendarBlock,
    DateException,
    Feedback,
    Practitioner,
    SessionType,
    TimeOff,
)
from calendar_sync.actions import calendar_feed_regenerate
from core.time import HELSINKI
from notifications.models import Message
from privacy.models import PersonalLink

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"
LINKS = ("calendar feed: ", "party link: ", "contact link: ")


@pytest.fixture(autouse=True)
def _own_var(tmp_path, settings):
    """The demo keeps its tokens (and the admin password) in var/: a test's own, not the checkout's."""
    settings.VAR_DIR = tmp_path
    cache.clear()


def demo_output() -> list[str]:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue().splitlines()


def demo() -> list[str]:
    return [line for line in demo_output() if line.startswith(LINKS)]


def counts() -> dict[str, int]:
    models = (PersonalLink, Booking, BookingChange, CalendarBlock, DateException, TimeOff, Feedback, Message)
    return {model.__name__: model.objects.count() for model in models}


def url(line: str) -> str:
    return line.split(": ", 1)[1].removeprefix(SITE)


def test_running_the_demo_again_prints_the_same_working_links_and_adds_nothing(client):
    first = demo()
    before = counts()
    second = demo()
    assert len(first) == 4 and second == first
    assert counts() == before
    assert not PersonalLink.objects.filter(revoked_at__isnull=False).exists()
    for line in second:
        assert client.get(url(line)).status_code == 200, line


def test_a_demo_feed_link_regenerated_since_is_replaced_by_a_new_working_one(client):
    [feed] = [line for line in demo() if line.startswith("calendar feed: ")]
    calendar_feed_regenerate(practitioner=Practitioner.objects.get())
    [again] = [line for line in demo() if line.startswith("calendar feed: ")]
    assert again != feed
    assert client.get(url(feed)).status_code == 404
    assert client.get(url(again)).status_code == 200
    assert PersonalLink.objects.filter(purpose="calendar_feed", revoked_at__isnull=True).count() == 1


@pytest.mark.parametrize("when", ["2026-11-20 17:00", "2026-11-23 09:00"], ids=["friday", "monday"])
def test_every_weekday_that_is_not_a_holiday_has_free_times_after_the_demo(client, when):
    now = dt.datetime.fromisoformat(when).replace(tzinfo=HELSINKI)
    with time_machine.travel(now, tick=False):
        demo()
        assert TimeOff.objects.exists()
        last = now.date() + dt.timedelta(days=30)
        for session_type in SessionType.objects.filter(is_active=True):
            first = (now + dt.timedelta(hours=session_type.min_notice_hours)).date() + dt.timedelta(days=1)
            answer = client.get(
                "/api/v1/availability/",
                {"session_type": session_type.slug, "from": first.isoformat(), "to": last.isoformat()},
            ).json()
            open_days = {dt.datetime.fromisoformat(s["start"]).date() for s in answer["slots"]}
            weekdays = {
                first + dt.timedelta(days=n)
                for n in range((last - first).days + 1)
                if (first + dt.timedelta(days=n)).weekday() < 5
            }
            assert weekdays - finnish_holidays(first, last) - open_days == set(), session_type.slug


def test_a_second_run_prints_exactly_what_the_first_did():
    first = demo_output()
    assert any(line.startswith("bookings: ") for line in first)
    assert any(line.startswith("workspace: ") for line in first)
    assert demo_output() == first
