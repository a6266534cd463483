"""The demo practitioner's bookings in Chromium, through the pages only: a session booked on a
client's behalf (the day field starts at today, shown), one booking request confirmed and another
declined with a reason (JavaScript off: the decline's reason opens without it)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking
from core.time import HELSINKI
from demo import calendar
from notifications.models import Message
from tests.browser.practitioner import WIDE, demo_loaded, sign_in

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def demo(tmp_path, monkeypatch):
    return demo_loaded(tmp_path, monkeypatch, calendar)


def _today():
    return timezone.now().astimezone(HELSINKI).date()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_session_is_booked_on_a_clients_behalf(request, live_server, demo, javascript):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    page.set_viewport_size(WIDE)
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/book/")
    assert page.input_value("#id_day") == _today().isoformat()
    # Monday in two weeks: open 9–16, nothing of the demo's booked there.
    monday = _today() + dt.timedelta(days=14 - _today().weekday())
    page.select_option("#id_session_type", label="Yksilötyönohjaus")
    page.select_option("#id_modality", "online")
    page.fill("#id_day", monday.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Näytä vapaat ajat").click()
    assert page.input_value("#id_day") == monday.isoformat()
    times = page.locator("input[name=start]")
    expect(times.first).to_be_visible()
    chosen = dt.datetime.fromisoformat(times.first.get_attribute("value"))
    assert chosen.astimezone(HELSINKI).date() == monday
    times.first.check()
    page.fill("#id_name", "Sanna Puhelin")
    page.fill("#id_email", "sanna.puhelin@example.fi")
    with page.expect_navigation():
        page.get_by_role("button", name="Varaa ja lähetä vahvistus").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    booking = Booking.objects.get(email="sanna.puhelin@example.fi")
    assert booking.status == Booking.Status.CONFIRMED and booking.start == chosen
    assert booking.modality == "online" and booking.client_name == "Sanna Puhelin"
    assert Message.objects.filter(recipient=booking.email).exists()
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_one_request_is_confirmed_and_another_declined(page_nojs, live_server, demo):
    page = page_nojs
    page.set_viewport_size(WIDE)
    group = calendar.session_types(calendar.practitioner())["ryhmatyonohjaus"]
    start = dt.datetime.combine(_today() + dt.timedelta(days=16), dt.time(10), tzinfo=HELSINKI)
    calendar.book("browser-second-request", group, start, 6, made_at=timezone.now(), group_size=3)
    first, second = Booking.objects.filter(status=Booking.Status.REQUESTED).order_by("start")
    assert first.client_name != second.client_name
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/requests/")
    requests = page.locator("ol.requests > li")
    expect(requests).to_have_count(2)

    with page.expect_navigation():
        requests.filter(has_text=first.client_name).get_by_role("button", name="Vahvista").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(requests).to_have_count(1)

    declined = requests.filter(has_text=second.client_name)
    declined.locator("summary", has_text="Hylkää").click()
    declined.get_by_label("Hylkäämisen syy").fill("Ryhmälle ei löydy tilaa tälle päivälle.")
    with page.expect_navigation():
        declined.get_by_role("button", name="Hylkää", exact=True).click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(requests).to_have_count(0)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    assert second.status == Booking.Status.DECLINED
    assert Message.objects.filter(recipient=second.email).exists()
    assert page.outside_requests == []
