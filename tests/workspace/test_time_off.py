"""Time off on the workspace's weekly grid: added and removed in place, through the calendar guard."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from bookings import selectors
from bookings.actions.hours import time_off_add
from bookings.exceptions import SlotTaken
from bookings.models import CalendarBlock, TimeOff
from core.time import HELSINKI
from tests.factories import BookingFactory, StaffFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(
    2027, 3, 22, 6, 0, tzinfo=dt.UTC
)  # Monday 8.00 in Helsinki; clocks go forward on Sunday 28th
OVERLAP = "This time overlaps bookings or other blocks in the calendar. Move or cancel them first."


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


def starts(session_type, day):
    return [s.start for s in selectors.free_slots(session_type, day, day)]


@pytest.fixture
def setup():
    practitioner, session_type = bookable()
    return practitioner, session_type, reverse("admin:workspace_hours_grid", args=[practitioner.pk])


def add(client, url, first, last, from_time="", until_time="", reason=""):
    data = {
        "do": "time_off_add",
        "time_off-first_day": first,
        "time_off-last_day": last,
        "time_off-from_time": from_time,
        "time_off-until_time": until_time,
        "time_off-reason": reason,
    }
    return client.post(url, data)


def test_whole_days_across_the_spring_change_are_midnight_to_midnight_in_helsinki(admin_client, setup):
    _practitioner, session_type, url = setup
    response = add(admin_client, url, "2027-03-27", "2027-03-28", reason="Koulutus")
    assert response.status_code == 302 and response.url == url
    time_off = TimeOff.objects.get()
    assert time_off.start == dt.datetime(2027, 3, 26, 22, 0, tzinfo=dt.UTC)  # 0.00 at +2
    assert time_off.end == dt.datetime(2027, 3, 28, 21, 0, tzinfo=dt.UTC)  # 0.00 at +3, after the change
    assert time_off.end.astimezone(HELSINKI).time() == dt.time(0)
    assert (time_off.end - time_off.start) == dt.timedelta(hours=47)
    assert (time_off.block.kind, time_off.block.active, time_off.reason) == ("time_off", True, "Koulutus")
    assert (time_off.block.start, time_off.block.end) == (time_off.start, time_off.end)
    assert starts(session_type, dt.date(2027, 3, 27)) == starts(session_type, dt.date(2027, 3, 28)) == []
    assert starts(session_type, dt.date(2027, 3, 30))[0] == at(30, 8)
    html = admin_client.get(url).content.decode()
    assert "Time off added: Sat 27 Mar 2027 – Sun 28 Mar 2027." in html
    assert "Sat 27 Mar 2027 – Sun 28 Mar 2027</a>: Koulutus" in html


def test_the_one_day_of_the_change_is_23_hours(admin_client, setup):
    _practitioner, _session_type, url = setup
    assert add(admin_client, url, "2027-03-28", "2027-03-28").status_code == 302
    time_off = TimeOff.objects.get()
    assert time_off.end - time_off.start == dt.timedelta(hours=23)
    assert "Sun 28 Mar 2027</a>" in admin_client.get(url).content.decode()


def test_time_off_with_times_takes_only_those_hours(admin_client, setup):
    _practitioner, session_type, url = setup
    assert add(admin_client, url, "2027-03-24", "2027-03-24", "12:00", "16:00").status_code == 302
    time_off = TimeOff.objects.get()
    assert (time_off.start, time_off.end) == (at(24, 12), at(24, 16))
    free = starts(session_type, dt.date(2027, 3, 24))
    assert free == [at(24, h) for h in (8, 9, 10, 11, 16, 17)]
    assert "Wed 24 Mar 2027, 12:00–16:00</a>" in admin_client.get(url).content.decode()


def test_one_time_only_runs_from_it_to_the_end_of_the_last_day(admin_client, setup):
    _practitioner, _session_type, url = setup
    assert add(admin_client, url, "2027-03-24", "2027-03-25", from_time="12:00").status_code == 302
    time_off = TimeOff.objects.get()
    assert (time_off.start, time_off.end) == (at(24, 12), at(26, 0))


def test_time_off_over_a_booking_is_refused_with_the_message_and_nothing_is_saved(admin_client, setup):
    _practitioner, session_type, url = setup
    BookingFactory(
        session_type=session_type, start=at(24, 13), client_name="Asiakas", email="a@example.fi", online=True
    )
    response = add(admin_client, url, "2027-03-24", "2027-03-25", reason="Koulutuspäivä")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and html.count(OVERLAP) == 2  # in the summary and at the form
    assert 'value="2027-03-24"' in html and 'value="2027-03-25"' in html and 'value="Koulutuspäivä"' in html
    assert not TimeOff.objects.exists()
    assert CalendarBlock.objects.filter(kind="time_off").count() == 0


def test_time_off_over_other_time_off_is_refused(admin_client, setup):
    practitioner, _session_type, url = setup
    time_off_add(practitioner=practitioner, start=at(24, 0), end=at(25, 0))
    response = add(admin_client, url, "2027-03-24", "2027-03-24", "15:00", "16:00")
    assert response.status_code == 400 and OVERLAP in response.content.decode()
    assert TimeOff.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (("2027-03-25", "2027-03-24"), "last_day", "The end must be after the start."),
        (("2027-03-24", "2027-03-24", "16:00", "12:00"), "until_time", "The end must be after the start."),
        (("2027-03-24", "2027-03-24", "12:00", "12:00"), "until_time", "The end must be after the start."),
        (("2027-03-28", "2027-03-28", "03:30"), "from_time", "This time does not exist on the day"),
        (("", "2027-03-24"), "first_day", "This field is required."),
        (("24.3.", "2027-03-24"), "first_day", "Enter a valid date."),
        (("2027-03-24", "2027-03-24", "kahdelta"), "from_time", "Enter a valid time."),
    ],
)
def test_bad_time_off_is_refused_at_its_field_and_nothing_is_saved(
    admin_client, setup, fields, field, message
):
    _practitioner, _session_type, url = setup
    response = add(admin_client, url, *fields)
    assert response.status_code == 400
    form = response.context["time_off_form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert html.count(message) == 2  # at the field and in the summary
    assert f'href="#id_time_off-{field}"' in html
    assert not TimeOff.objects.exists() and not CalendarBlock.objects.exists()


def test_adding_time_off_leaves_the_weekly_hours_as_saved(admin_client, setup):
    practitioner, _session_type, url = setup
    response = add(admin_client, url, "2027-03-25", "2027-03-24")
    assert response.status_code == 400
    assert not response.context["grid"].is_bound and not response.context["grid"].errors
    assert practitioner.weekly_hours.count() == 7


def test_removing_time_off_frees_its_time(admin_client, setup):
    practitioner, session_type, url = setup
    time_off = time_off_add(practitioner=practitioner, start=at(24, 12), end=at(24, 16))
    assert at(24, 12) not in starts(session_type, dt.date(2027, 3, 24))
    html = admin_client.get(url).content.decode()
    assert f'name="time_off" value="{time_off.pk}"' in html
    response = admin_client.post(url, {"do": "time_off_remove", "time_off": time_off.pk})
    assert response.status_code == 302 and response.url == url
    assert not TimeOff.objects.exists()
    assert CalendarBlock.objects.get().active is False  # kept, inactive, as history
    assert at(24, 12) in starts(session_type, dt.date(2027, 3, 24))
    html = admin_client.get(url).content.decode()
    assert "Time off removed: Wed 24 Mar 2027, 12:00–16:00. Its time is free again." in html
    assert "No time off coming." in html


@pytest.mark.parametrize("value", ["", "abc", "99999", "other"])
def test_removing_time_off_that_is_not_there_says_so(admin_client, setup, value):
    practitioner, _session_type, url = setup
    colleague, _type = bookable()
    theirs = time_off_add(practitioner=colleague, start=at(24, 12), end=at(24, 16))
    mine = time_off_add(practitioner=practitioner, start=at(25, 12), end=at(25, 16))
    response = admin_client.post(
        url, {"do": "time_off_remove", "time_off": theirs.pk if value == "other" else value}, follow=True
    )
    assert response.status_code == 200
    assert "This time off was removed already." in response.content.decode()
    assert set(TimeOff.objects.all()) == {theirs, mine}
    assert CalendarBlock.objects.filter(active=True).count() == 2


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=codenames)
    )


def test_the_grid_needs_staff_and_the_hours_permission(client, setup):
    practitioner, _session_type, url = setup
    time_off = time_off_add(practitioner=practitioner, start=at(24, 12), end=at(24, 16))
    remove = {"do": "time_off_remove", "time_off": time_off.pk}
    client.force_login(StaffFactory(is_staff=False))
    for response in (add(client, url, "2027-03-25", "2027-03-25"), client.post(url, remove)):
        assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(StaffFactory())
    assert add(client, url, "2027-03-25", "2027-03-25").status_code == 403
    assert client.post(url, remove).status_code == 403
    assert list(TimeOff.objects.all()) == [time_off]


def test_adding_and_removing_need_their_own_permissions(client, setup):
    practitioner, _session_type, url = setup
    time_off = time_off_add(practitioner=practitioner, start=at(24, 12), end=at(24, 16))
    user = StaffFactory()
    grant(user, "change_weeklyhours")
    client.force_login(user)
    html = client.get(url).content.decode()
    assert 'value="time_off_add"' not in html and 'value="time_off_remove"' not in html
    assert reverse("admin:bookings_timeoff_change", args=[time_off.pk]) not in html
    assert add(client, url, "2027-03-25", "2027-03-25").status_code == 403
    assert client.post(url, {"do": "time_off_remove", "time_off": time_off.pk}).status_code == 403
    assert list(TimeOff.objects.all()) == [time_off]
    grant(user, "add_timeoff", "delete_timeoff")
    user = type(user).objects.get(pk=user.pk)  # a fresh permission cache
    client.force_login(user)
    html = client.get(url).content.decode()
    assert 'value="time_off_add"' in html and 'value="time_off_remove"' in html
    assert add(client, url, "2027-03-25", "2027-03-25").status_code == 302
    assert client.post(url, {"do": "time_off_remove", "time_off": time_off.pk}).status_code == 302
    assert list(TimeOff.objects.values_list("start", flat=True)) == [at(25, 0)]


@pytest.mark.parametrize("count", [1, 30])
def test_the_grid_is_rendered_with_a_bounded_number_of_queries(
    admin_client, setup, django_assert_max_num_queries, count
):
    practitioner, _session_type, url = setup
    for n in range(count):
        time_off_add(
            practitioner=practitioner,
            start=at(23, 0) + dt.timedelta(days=n),
            end=at(23, 8) + dt.timedelta(days=n),
            reason=f"Vapaa {n}",
        )
    with django_assert_max_num_queries(9):
        html = admin_client.get(url).content.decode()
    assert html.count('value="time_off_remove"') == count


# --- the actions, and TimeOffAdmin through them ---------------------------------------------------


def test_time_off_add_takes_the_time_through_the_calendar_guard(setup):
    practitioner, _session_type, _url = setup
    time_off_add(practitioner=practitioner, start=at(24, 12), end=at(24, 16))
    with pytest.raises(SlotTaken):
        time_off_add(practitioner=practitioner, start=at(24, 15), end=at(24, 17))
    with pytest.raises(ValidationError):
        time_off_add(practitioner=practitioner, start=at(24, 18), end=at(24, 18))
    assert TimeOff.objects.count() == CalendarBlock.objects.count() == 1


def test_the_time_off_admin_adds_moves_and_deletes_through_the_actions(admin_client, setup):
    practitioner, session_type, _url = setup
    data = {
        "practitioner": practitioner.pk,
        "start_0": "2027-03-24",
        "start_1": "12:00",
        "end_0": "2027-03-24",
        "end_1": "16:00",
        "reason": "Koulutus",
    }
    response = admin_client.post(reverse("admin:bookings_timeoff_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    time_off = TimeOff.objects.get()
    assert (time_off.block.start, time_off.block.end, time_off.block.kind) == (
        at(24, 12),
        at(24, 16),
        "time_off",
    )
    change = reverse("admin:bookings_timeoff_change", args=[time_off.pk])
    assert admin_client.post(change, data | {"start_1": "13:00", "end_1": "17:00"}).status_code == 302
    time_off.block.refresh_from_db()
    assert (time_off.block.start, time_off.block.end) == (at(24, 13), at(24, 17))
    assert at(24, 12) in starts(session_type, dt.date(2027, 3, 24))
    delete = reverse("admin:bookings_timeoff_delete", args=[time_off.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not TimeOff.objects.exists() and CalendarBlock.objects.get().active is False


def test_deleting_selected_time_off_in_the_admin_list_frees_their_time(admin_client, setup):
    practitioner, session_type, _url = setup
    rows = [time_off_add(practitioner=practitioner, start=at(day, 0), end=at(day + 1, 0)) for day in (24, 25)]
    response = admin_client.post(
        reverse("admin:bookings_timeoff_changelist"),
        {"action": "delete_selected", "_selected_action": [t.pk for t in rows], "post": "yes"},
    )
    assert response.status_code == 302
    assert not TimeOff.objects.exists() and not CalendarBlock.objects.filter(active=True).exists()
    assert starts(session_type, dt.date(2027, 3, 25))
