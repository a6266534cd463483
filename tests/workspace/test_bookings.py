"""Bookings in admin: the date-range filter of the list, the practitioner page pointing at the
weekly grid, the internal note through booking_note (agenda and change page), hours_replace."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bookings.actions.change import booking_cancel
from bookings.actions.hours import hours_replace
from bookings.actions.record import booking_note
from bookings.models import BookingChange, DateException, WeeklyHours
from core.time import HELSINKI
from tests.factories import BookingFactory, PractitionerFactory, StaffFactory, bookable
from tests.support.seams import calendar_checks_off

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(2027, 3, 22, 6, 0, tzinfo=dt.UTC)  # Monday 8.00 in Helsinki
BOOKED = NOW - dt.timedelta(days=30)  # when the clients booked


def at(month, day, hour):
    return dt.datetime(2027, month, day, hour, tzinfo=HELSINKI).astimezone(dt.UTC)


@pytest.fixture
def staff():
    return StaffFactory(is_superuser=True)


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


# --- the bookings list: a date range beside search and filters ------------------------------------


@pytest.fixture
def spread():
    _p, session_type = bookable(horizon_days=365)
    # 00.30 on 1 April in Helsinki is still 31 March in UTC: the range is in Helsinki days. Outside
    # the working hours: made with the calendar's checks off.
    with calendar_checks_off():
        midnight = BookingFactory(
            session_type=session_type,
            start=dt.datetime(2027, 4, 1, 0, 30, tzinfo=HELSINKI),
            client_name="Midnight",
            email="midnight@example.fi",
            online=True,
            now=BOOKED,
        )
    return {
        "early": BookingFactory(
            session_type=session_type,
            start=at(3, 23, 10),
            client_name="Early",
            email="early@example.fi",
            online=True,
            now=BOOKED,
        ),
        "midnight": midnight,
        "april": BookingFactory(
            session_type=session_type,
            start=at(4, 14, 9),
            client_name="April",
            email="april@example.fi",
            online=True,
            now=BOOKED,
        ),
        "may": BookingFactory(
            session_type=session_type,
            start=at(5, 3, 9),
            client_name="May",
            email="may@example.fi",
            online=True,
            now=BOOKED,
        ),
    }


def listed(client, **params) -> set[str]:
    response = client.get(reverse("admin:bookings_booking_changelist"), params)
    assert response.status_code == 200
    return {b.client_name for b in response.context["cl"].result_list}


def test_the_bookings_list_filters_by_a_date_range_in_helsinki_days(admin_client, spread):
    assert listed(admin_client) == {"Early", "Midnight", "April", "May"}
    assert listed(admin_client, start_from="2027-04-01", start_until="2027-04-30") == {"Midnight", "April"}
    assert listed(admin_client, start_until="2027-03-31") == {"Early"}
    assert listed(admin_client, start_from="2027-04-02") == {"April", "May"}
    # Finnish-style dates are understood too; the range combines with the search and the filters.
    assert listed(admin_client, start_from="1.4.2027", start_until="30.4.2027", q="april") == {"April"}
    booking_cancel(booking=spread["april"], by_user=None, now=NOW)
    assert listed(admin_client, start_from="2027-04-01", status__exact="confirmed") == {"Midnight", "May"}


def test_the_date_range_form_keeps_the_other_filters_and_explains_a_bad_date(admin_client, spread):
    url = reverse("admin:bookings_booking_changelist")
    html = admin_client.get(url, {"status__exact": "confirmed", "q": "a"}).content.decode()
    assert 'name="start_from"' in html and 'name="start_until"' in html
    assert '<input type="hidden" name="status__exact" value="confirmed">' in html
    assert '<input type="hidden" name="q" value="a">' in html
    response = admin_client.get(url, {"start_from": "2027-04-30", "start_until": "2027-04-01"})
    assert response.status_code == 200
    assert "must not be before its start" in response.content.decode()
    assert {b.client_name for b in response.context["cl"].result_list} == {
        "Early",
        "Midnight",
        "April",
        "May",
    }
    response = admin_client.get(url, {"start_from": "31.2.2027"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()


# --- the practitioner page -------------------------------------------------------------------------


def test_the_practitioner_page_links_the_weekly_grid_instead_of_raw_hour_rows(admin_client):
    practitioner, _st = bookable()
    grid = reverse("admin:workspace_hours_grid", args=[practitioner.pk])
    html = admin_client.get(
        reverse("admin:bookings_practitioner_change", args=[practitioner.pk])
    ).content.decode()
    assert f'href="{grid}"' in html and "Monday 08:00–18:00" in html
    assert "weekly_hours-TOTAL_FORMS" not in html and "date_exceptions-TOTAL_FORMS" not in html
    assert "locations-TOTAL_FORMS" in html  # places stay inline
    listing = admin_client.get(reverse("admin:bookings_practitioner_changelist")).content.decode()
    assert f'href="{grid}"' in listing
    # Saving the page keeps the hours (they are no longer part of its form).
    data = {
        "user": practitioner.user_id,
        "display_name": "Uusi Nimi",
        "email": practitioner.email,
        "language": "fi",
        "is_active": "on",
        "locations-TOTAL_FORMS": "0",
        "locations-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:bookings_practitioner_change", args=[practitioner.pk]), data)
    assert response.status_code == 302
    assert WeeklyHours.objects.filter(practitioner=practitioner).count() == 7


# --- hours_replace ------------------------------------------------------------------------------


def test_hours_replace_swaps_the_week_and_the_coming_exceptions_but_keeps_the_past(staff):
    practitioner = PractitionerFactory()
    WeeklyHours.objects.create(
        practitioner=practitioner, weekday=0, start_time=dt.time(8), end_time=dt.time(9)
    )
    past = DateException.objects.create(practitioner=practitioner, date=dt.date(2027, 3, 1), kind="closed")
    DateException.objects.create(practitioner=practitioner, date=dt.date(2027, 4, 1), kind="closed")
    other = PractitionerFactory()
    DateException.objects.create(practitioner=other, date=dt.date(2027, 4, 1), kind="closed")
    hours_replace(
        practitioner=practitioner,
        ranges=[(1, dt.time(9), dt.time(12), True, False), (1, dt.time(13), dt.time(16), False, True)],
        exceptions=[
            {
                "date": dt.date(2027, 4, 2),
                "kind": "open",
                "start_time": dt.time(10),
                "end_time": dt.time(12),
                "in_person": True,
                "online": True,
                "note": "Pitkäperjantai auki",
            }
        ],
        today=dt.date(2027, 3, 22),
    )
    assert list(
        WeeklyHours.objects.filter(practitioner=practitioner).values_list(
            "weekday", "start_time", "in_person"
        )
    ) == [(1, dt.time(9), True), (1, dt.time(13), False)]
    kept = DateException.objects.filter(practitioner=practitioner).order_by("date")
    assert [(e.date, e.kind) for e in kept] == [(past.date, "closed"), (dt.date(2027, 4, 2), "open")]
    assert DateException.objects.filter(practitioner=other).count() == 1


def test_hours_replace_writes_nothing_when_a_row_is_invalid():
    practitioner = PractitionerFactory()
    WeeklyHours.objects.create(
        practitioner=practitioner, weekday=0, start_time=dt.time(8), end_time=dt.time(9)
    )
    with pytest.raises(ValidationError):
        hours_replace(
            practitioner=practitioner,
            ranges=[(2, dt.time(9), dt.time(12), True, True)],
            exceptions=[{"date": dt.date(2027, 4, 2), "kind": "open"}],  # extra hours without times
            today=dt.date(2027, 3, 22),
        )
    assert list(WeeklyHours.objects.filter(practitioner=practitioner).values_list("weekday", flat=True)) == [
        0
    ]
    assert not DateException.objects.filter(practitioner=practitioner).exists()


def test_the_grid_deletes_an_exception_through_hours_replace(admin_client):
    practitioner, _st = bookable()
    exception = DateException.objects.create(
        practitioner=practitioner, date=dt.date(2027, 4, 2), kind="closed"
    )
    data = {
        "exceptions-TOTAL_FORMS": "1",
        "exceptions-INITIAL_FORMS": "1",
        "exceptions-0-id": exception.pk,
        "exceptions-0-date": "2027-04-02",
        "exceptions-0-kind": "closed",
        "exceptions-0-DELETE": "on",
        "d0_0_start": "09:00",
        "d0_0_end": "17:00",
        "d0_0_online": "on",
    }
    response = admin_client.post(reverse("admin:workspace_hours_grid", args=[practitioner.pk]), data)
    assert response.status_code == 302
    assert not DateException.objects.filter(practitioner=practitioner).exists()
    assert WeeklyHours.objects.filter(practitioner=practitioner).count() == 1


# --- the internal note ----------------------------------------------------------------------------


def test_booking_note_records_who_changed_it_once(staff):
    _p, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=at(3, 23, 10), client_name="Maija", online=True, now=BOOKED
    )
    booking_note(booking=booking, note="  Laskutus kunnalle.  ", by_user=staff)
    booking_note(booking=booking, note="Laskutus kunnalle.", by_user=staff)
    booking.refresh_from_db()
    assert booking.internal_note == "Laskutus kunnalle."
    [edit] = booking.changes.filter(action=BookingChange.Action.EDITED)
    assert edit.by_user == staff and "Laskutus kunnalle." in edit.note
    booking_note(booking=booking, note="", by_user=staff)
    assert booking.changes.filter(action="edited").count() == 2


def test_the_agenda_edits_the_internal_note_in_place(admin_client, staff):
    _p, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=at(3, 23, 10), client_name="Maija", online=True, now=BOOKED
    )
    url = reverse("admin:workspace_agenda") + "?day=2027-03-23"
    html = admin_client.get(url).content.decode()
    assert f'id="note-{booking.pk}"' in html and 'name="internal_note"' in html
    assert "csrfmiddlewaretoken" in html
    response = admin_client.post(url, {"booking": booking.pk, "internal_note": "Tuo kuitti.", "next": url})
    assert response.status_code == 302 and response.url == f"{url}#booking-{booking.pk}"
    booking.refresh_from_db()
    assert booking.internal_note == "Tuo kuitti."
    assert booking.changes.get(action="edited").by_user == staff
    page = admin_client.get(url).content.decode()
    assert ">Tuo kuitti.</textarea>" in page and "internal note saved" in page


def test_a_bad_note_post_is_refused_without_an_error_page(admin_client, client):
    _p, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=at(3, 23, 10), client_name="Maija", online=True, now=BOOKED
    )
    url = reverse("admin:workspace_agenda")
    too_long = admin_client.post(url, {"booking": booking.pk, "internal_note": "x" * 5001})
    assert too_long.status_code == 302
    assert admin_client.post(url, {"booking": "x", "internal_note": "a"}).status_code == 302
    assert admin_client.post(url, {"booking": "999999", "internal_note": "a"}).status_code == 404
    assert admin_client.post(url, {"booking": "", "status": "no_show"}).status_code == 404
    booking.refresh_from_db()
    assert booking.internal_note == "" and not booking.changes.filter(action="edited").exists()
    # Without the change permission nobody edits notes.
    viewer = StaffFactory()
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_booking"))
    client.force_login(viewer)
    assert 'name="internal_note"' not in client.get(url + "?day=2027-03-23").content.decode()
    assert client.post(url, {"booking": booking.pk, "internal_note": "a"}).status_code == 403


def test_the_change_page_saves_the_note_through_the_action(admin_client, staff):
    _p, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=at(3, 23, 10), client_name="Maija", online=True, now=BOOKED
    )
    url = reverse("admin:bookings_booking_change", args=[booking.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    data |= {
        "location": "",
        "internal_note": "Muistiin.",
        "phone": "040 999",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": str(booking.changes.count()),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    booking.refresh_from_db()
    assert booking.internal_note == "Muistiin." and booking.phone == "040 999"
    edits = booking.changes.filter(action="edited").order_by("pk")
    assert [(c.by_user, c.note) for c in edits] == [
        (staff, "Details changed: phone"),
        (staff, "Internal note: Muistiin."),
    ]
