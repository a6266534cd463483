"""The demo practitioner (a superuser, in Finnish) walks every admin list, add page and change page
(one object of each model, from the demo's content) and meets no English label and no UTC time."""

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from bookings.models import Booking
from core.time import HELSINKI
from demo.site import ADMIN_USERNAME
from events.models import SeatBooking
from mediation.models import MediationCase

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 10, 30, tzinfo=HELSINKI)  # a Monday morning
ENGLISH = (
    "Access",
    "Static",
    "TOTP",
    "Otp_Totp",
    "Otp_Static",
    "Session type",
    "Practitioner",
    "Filter by",
    "Record",
    "Tallenne",
)
WORDS = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")


class VisibleText(HTMLParser):
    """The text a reader sees: outside scripts, styles and hidden templates; with the labels that
    only a screen reader hears (aria-label, title) and the buttons' values."""

    HIDDEN = {"script", "style", "template", "svg"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        values = dict(attrs)
        for name in ("aria-label", "title", "placeholder"):
            if values.get(name):
                self.parts.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def practitioner_client(client, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        call_command("demo", stdout=io.StringIO())
        client.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
        yield client


def pages(request) -> list[str]:
    """The workspace's pages, and every admin list, add page and the change and history page of one
    object of each registered model."""
    urls = [reverse("admin:index")]
    urls += [
        reverse(f"admin:workspace_{name}")
        for name in ("calendar", "agenda", "overview", "requests", "book", "hours", "export")
    ]
    urls.append(reverse("admin:privacy_person"))
    # The pages behind the desk's and the seats' buttons.
    case = MediationCase.objects.order_by("pk").first()
    urls += [reverse(f"admin:mediation_case_{view}", args=[case.pk]) for view in ("stage", "close")]
    seat = SeatBooking.objects.filter(status=SeatBooking.Status.CONFIRMED).order_by("pk").first()
    urls.append(reverse("admin:events_seatbooking_cancel", args=[seat.pk]))
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        for view, args in (("changelist", []), ("add", [])):
            if view == "add" and not model_admin.has_add_permission(request):
                continue
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            try:
                urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
                urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[first.pk]))
            except NoReverseMatch:
                pass
    return urls


def test_the_practitioner_meets_no_english_label_and_no_utc_time_on_any_admin_page(practitioner_client, rf):
    request = rf.get("/")
    request.user = get_user_model().objects.get(username=ADMIN_USERNAME)
    booking = Booking.objects.order_by("start").first()
    utc = booking.start.astimezone(dt.UTC)
    utc_clocks = {f"{utc:%H}:{utc:%M}", f"{utc:%H}.{utc:%M}", f"{utc.hour}.{utc:%M}"}
    index = visible(practitioner_client.get(reverse("admin:index")).content.decode())
    assert "Ylläpito" in index and "Käyttäjät" in index and "Todennussovellukset" in index
    change = reverse("admin:bookings_booking_change", args=[booking.pk])
    local = booking.start.astimezone(HELSINKI)
    assert f"klo {local:%H}.{local:%M}" in visible(practitioner_client.get(change).content.decode())
    found = {}
    for url in pages(request):
        response = practitioner_client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code != 200:
            continue
        text = visible(response.content.decode())
        words = {text[max(0, m.start() - 30) : m.end() + 30] for m in WORDS.finditer(text)}
        if words:
            found[url] = sorted(words)
        if str(booking.pk) in url and "booking" in url:
            assert not any(clock in text for clock in utc_clocks), (url, utc_clocks)
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())
