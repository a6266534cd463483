"""The client's own page behind the personal link: view, calendar file, reschedule, cancel."""

import datetime as dt

import pytest
import time_machine
from django.test import Client as HttpClient
from icalendar import Calendar

from bookings.actions.change import booking_cancel
from bookings.ics import booking_uid
from bookings.models import Booking, Location, SessionType
from privacy.links import link_revoke
from tests.bookings.flow import DAY, NOW, SOMEONE, at, html, url
from tests.factories import BookingFactory, bookable

pytestmark = pytest.mark.django_db
TEN = at(DAY, "10:00")
PAGES = (
    "bookings:manage",
    "bookings:ics",
    "bookings:reschedule",
    "bookings:reschedule_times",
    "bookings:reschedule_confirm",
    "bookings:cancel",
)


@pytest.fixture(autouse=True)
def clock(settings):
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session_type():
    practitioner, session_type = bookable(
        slug="yksilo", buffer_after_minutes=60, cancellation_cutoff_hours=24
    )
    session_type.location = Location.objects.create(
        practitioner=practitioner,
        name="Vastaanotto",
        address="Mannerheimintie 1, Helsinki",
        directions="Ovikoodi 1234, 2. kerros.",
    )
    session_type.save()
    return session_type


def page(client, name, token, **params):
    return client.get(url(name, token, **params))


def test_the_page_shows_the_booking_with_its_video_link_and_calendar_file(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    text = html(page(client, "bookings:manage", token))
    for expected in (
        "Yksilötyönohjaus",
        "ke 3.3.2027 klo 10.00–11.00",
        "Vahvistettu",
        booking.meeting_url,
        url("bookings:ics", token),
        url("bookings:reschedule", token),
        url("bookings:cancel", token),
        "ti 2.3.2027 klo 10.00",
    ):
        assert expected in text, expected
    assert '<meta name="robots" content="noindex">' in text


def test_an_in_person_booking_shows_the_place(client, session_type):
    token = BookingFactory(session_type=session_type, modality="in_person", start=TEN).token
    text = html(page(client, "bookings:manage", token))
    assert "Vastaanotto, Mannerheimintie 1, Helsinki" in text and "Ovikoodi 1234" in text


def test_personal_pages_are_not_cached(client, session_type):
    token = BookingFactory(session_type=session_type, start=TEN, online=True).token
    response = page(client, "bookings:manage", token)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("name", PAGES)
def test_a_tampered_revoked_or_expired_link_is_a_plain_404(client, session_type, name):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    params = {"date": DAY, "start": f"{DAY}T12:00"}
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), token + "x", "x" * 200, "%00"):
        response = client.get(url(name, wrong, **params))
        assert response.status_code == 404, wrong
        assert "Maija" not in html(response)
    with time_machine.travel(booking.end + dt.timedelta(days=61), tick=False):
        assert client.get(url(name, token, **params)).status_code == 404
    link_revoke(purpose="booking", target=booking)
    assert client.get(url(name, token, **params)).status_code == 404
    assert client.post(url(name, token, **params)).status_code in (404, 405)


def test_the_calendar_file_is_the_booking(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    response = page(client, "bookings:ics", token)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="yksilo-2027-03-03.ics"'
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == booking_uid(booking)
    assert event.decoded("DTSTART") == booking.start and event.decoded("DTEND") == booking.end
    assert str(event["STATUS"]) == "CONFIRMED" and str(calendar["METHOD"]) == "PUBLISH"
    booking_cancel(booking=booking)
    cancelled = Calendar.from_ical(page(client, "bookings:ics", token).content)
    assert str(cancelled["METHOD"]) == "CANCEL" and str(cancelled.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_get_never_changes_anything(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    for name in PAGES:
        page(client, name, token, date=DAY, start=f"{DAY}T14:00")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.start == at(DAY, "10:00")


def test_changes_need_the_csrf_token(session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    strict = HttpClient(enforce_csrf_checks=True)
    assert strict.post(url("bookings:cancel", token)).status_code == 403
    assert strict.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T14:00")).status_code == 403
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_cancelling_asks_first_then_frees_the_time(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    confirm = html(page(client, "bookings:cancel", token))
    assert "Peru varaus" in confirm and 'method="post"' in confirm
    response = client.post(url("bookings:cancel", token), {"reason": "Sairastuin."})
    assert response["Location"] == url("bookings:manage", token)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and not booking.block.active
    assert booking.changes.last().note == "Sairastuin."
    text = html(client.get(response["Location"]))
    assert "Peruttu" in text and url("bookings:start", service="supervision").replace("&", "&amp;") in text
    assert url("bookings:cancel", token) not in text
    # Cancelling again (even with nothing in the form) only says it can't be changed any more.
    again = client.post(url("bookings:cancel", token), follow=True)
    assert again.status_code == 200 and Booking.objects.get().status == Booking.Status.CANCELLED


def test_after_the_cutoff_the_page_says_whom_to_contact(client, session_type, practice_profile):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    with time_machine.travel(at("2027-03-02", "11:00"), tick=False):
        text = html(page(client, "bookings:manage", token))
        assert practice_profile.email in text and practice_profile.phone in text
        assert url("bookings:cancel", token) not in text and url("bookings:reschedule", token) not in text
        for name in (
            "bookings:cancel",
            "bookings:reschedule",
            "bookings:reschedule_times",
            "bookings:reschedule_confirm",
        ):
            response = page(client, name, token, date=DAY, start=f"{DAY}T14:00")
            assert response["Location"] == url("bookings:manage", token), name
        client.post(url("bookings:cancel", token))
        client.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T14:00"))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.start == at(DAY, "10:00")


def test_rescheduling_offers_times_its_own_block_would_hide(client, session_type):
    # 10.00–11.00 and an hour's buffer: the block is 10–12.
    token = BookingFactory(session_type=session_type, start=TEN, online=True).token
    month = html(page(client, "bookings:reschedule", token)).replace("&amp;", "&")
    assert f'href="{url("bookings:reschedule_times", token, date=DAY)}"' in month
    times = html(page(client, "bookings:reschedule_times", token, date=DAY)).replace("&amp;", "&")
    assert f"start={DAY}T11:00" in times  # free once the booking itself moves
    assert f"start={DAY}T10:00" not in times  # its own time is no move
    other = bookable(slug="muu")[1]
    public = html(client.get(url("bookings:times", type="muu", modality="online", date=DAY)))
    assert other and "start=2027-03-03T11:00" in public.replace("&amp;", "&")


def test_rescheduling_asks_first_then_moves_the_booking(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    confirm = html(page(client, "bookings:reschedule_confirm", token, start=f"{DAY}T14:00"))
    assert "ke 3.3.2027 klo 10.00–11.00" in confirm and "ke 3.3.2027 klo 14.00–15.00" in confirm
    response = client.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T14:00"))
    assert response["Location"] == url("bookings:manage", token)
    booking.refresh_from_db()
    assert booking.start == at(DAY, "14:00") and booking.sequence == 1
    assert "ke 3.3.2027 klo 14.00–15.00" in html(client.get(response["Location"]))


def test_rescheduling_into_a_time_taken_meanwhile_is_refused(client, session_type):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    page(client, "bookings:reschedule_confirm", token, start=f"{DAY}T14:00")
    BookingFactory(session_type=session_type, start=at(DAY, "14:00"), client=SOMEONE, online=True)
    response = client.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T14:00"), follow=True)
    assert response.redirect_chain[0][0] == url("bookings:reschedule_times", token, date=DAY)
    assert "ei ole vapaana" in html(response) or "varattiin" in html(response)
    booking.refresh_from_db()
    assert booking.start == at(DAY, "10:00")


@pytest.mark.parametrize("start", ["2027-03-03T14:17", "huomenna", "2027-02-30T10:00", "2027-03-01T09:00"])
def test_rescheduling_to_something_that_is_not_a_free_time_goes_back(client, session_type, start):
    booking = BookingFactory(session_type=session_type, start=TEN, online=True)
    token = booking.token
    response = page(client, "bookings:reschedule_confirm", token, start=start)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in {
        url("bookings:reschedule", token),
        url("bookings:reschedule_times", token),
    }
    client.post(url("bookings:reschedule_confirm", token, start=start))
    booking.refresh_from_db()
    assert booking.start == at(DAY, "10:00")


@pytest.mark.parametrize(
    ("param", "value"), [("month", "2027-13"), ("month", "2020-01"), ("date", "2027-02-30")]
)
def test_tampered_reschedule_queries_go_back_to_the_month(client, session_type, param, value):
    token = BookingFactory(session_type=session_type, start=TEN, online=True).token
    name = "bookings:reschedule" if param == "month" else "bookings:reschedule_times"
    response = page(client, name, token, **{param: value})
    assert response["Location"] == url("bookings:reschedule", token)


def test_a_request_can_be_moved_and_shows_no_video_link_until_confirmed(client):
    bookable(slug="pyynto", booking_mode="request", modalities="online")
    booking = BookingFactory(session_type=SessionType.objects.get(slug="pyynto"), start=TEN, online=True)
    token = booking.token
    text = html(page(client, "bookings:manage", token))
    assert "odottaa" in text and booking.meeting_url not in text
    client.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T15:00"))
    booking.refresh_from_db()
    assert booking.start == at(DAY, "15:00") and booking.status == Booking.Status.REQUESTED
