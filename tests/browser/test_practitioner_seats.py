"""The practitioner cancels a seat in Chromium through the confirmation page, which says what will
happen, and sees the seat offered to the first person waiting."""

import pytest
from playwright.sync_api import expect

from events.models import SeatBooking, WaitlistEntry
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory, group_type
from tests.factories import PractitionerFactory, StaffFactory

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def full_event(live_server):
    user = StaffFactory(username="aino", is_superuser=True)
    event = EventFactory(capacity=2, seats_taken=1, session_type=group_type(PractitionerFactory(user=user)))
    seat = SeatBookingFactory(event=event, name="Liisa Laine", email="liisa@example.fi")
    waiting = WaitlistEntryFactory(event=event, name="Mikko Mäki", email="mikko@example.fi")
    return event, seat, waiting


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "aino")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_seat_is_cancelled_through_the_confirmation_page_and_offered_to_the_waitlist(
    request, live_server, full_event, javascript
):
    event, seat, waiting = full_event
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/seatbooking/")
    page.get_by_role("link", name="Liisa Laine").click()
    page.get_by_role("link", name="Peru tämä paikka…").click()
    main = page.locator("#content-main")
    expect(main).to_contain_text("Mitään ei ole vielä peruttu")
    expect(main).to_contain_text("liisa@example.fi")
    expect(main.locator("ol li")).to_have_text(["Mikko Mäki (1 paikka)"])
    assert SeatBooking.objects.get(pk=seat.pk).status == SeatBooking.Status.CONFIRMED
    page.get_by_role("button", name="Kyllä, peru nämä paikat").click()
    expect(page.locator(".messagelist .success")).to_contain_text("tarjottiin: Mikko Mäki")
    assert page.url.endswith(f"/admin/events/event/{event.pk}/change/")
    assert SeatBooking.objects.get(pk=seat.pk).status == SeatBooking.Status.CANCELLED
    assert WaitlistEntry.objects.get(pk=waiting.pk).status == WaitlistEntry.Status.OFFERED
    assert page.outside_requests == []
