"""The workspace calendar (week and month) and the agenda: content, daylight saving, query budgets."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from bookings.actions.booking import block_reserve
from bookings.models import Booking, CalendarBlock, DateException, TimeOff
from core.time import HELSINKI
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    SessionTypeFactory,
    StaffFactory,
    bookable,
    open_every_day,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(2027, 3, 22, 6, 0, tzinfo=dt.UTC)  # Monday 8.00 in Helsinki, week 12
BOOKED = NOW - dt.timedelta(days=1)  # when the clients booked


def at(month, day, hour, minute=0):
    return dt.datetime(2027, month, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


def time_off(practitioner, start, end, reason="Koulutus"):
    block = block_reserve(practitioner=practitioner, start=start, end=end, kind="time_off")
    return TimeOff.objects.create(practitioner=practitioner, block=block, start=start, end=end, reason=reason)


def mediation_meeting(practitioner, start, end, title="Tiimi A"):
    from mediation.models import MediationCase, Meeting

    case = MediationCase.objects.create(
        title=title, mediator=practitioner, contact_name="HR", contact_email="hr@example.fi", stage=3
    )
    block = block_reserve(practitioner=practitioner, start=start, end=end, kind="mediation")
    return Meeting.objects.create(
        case=case,
        stage=3,
        kind="joint",
        status="booked",
        start=start,
        end=end,
        block=block,
        place="Neuvotteluhuone 2",
    )


@pytest.fixture
def calendar_data():
    practitioner, session_type = bookable()
    maija = BookingFactory(
        session_type=session_type,
        start=at(3, 23, 10),
        notes="Toivon puhetta esihenkilötyöstä.",
        online=True,
        now=BOOKED,
    )
    johan = BookingFactory(
        session_type=session_type, start=at(3, 24, 14), client_name="Johan Lindqvist", online=True, now=BOOKED
    )
    time_off(practitioner, at(3, 26, 0), at(3, 27, 0))
    return practitioner, session_type, maija, johan


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_week_view_shows_each_day_with_its_items_linking_to_their_change_pages(admin_client, calendar_data):
    _practitioner, _st, maija, johan = calendar_data
    html = page(admin_client, reverse("admin:workspace_calendar"))
    assert html.count('class="cal-day') == 7
    assert "Viikko 12" in html or "Week 12" in html
    assert reverse("admin:bookings_booking_change", args=[maija.pk]) in html
    assert reverse("admin:bookings_booking_change", args=[johan.pk]) in html
    assert "Maija Meikäläinen" in html and "Johan Lindqvist" in html
    assert reverse("admin:bookings_timeoff_change", args=[TimeOff.objects.get().pk]) in html
    assert "Koulutus" in html
    # Working hours drawn in place: 8.00–18.00 every day but Good Friday and Easter Sunday.
    assert html.count("08:00–18:00") == 5 and "Good Friday" in html
    # Maija's 10.00 session sits 8 rows below the grid's 8.00 start, four rows (an hour) tall.
    assert re.search(r'class="cal-item kind-booking status-confirmed r9 s4 l1"', html)
    assert 'aria-current="date"' in html  # today


def test_week_view_marks_holidays_and_closes_them_unless_opened(admin_client):
    practitioner = PractitionerFactory()
    open_every_day(practitioner)
    html = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W12")  # Easter 2027
    assert "Good Friday" in html and "Easter Sunday" in html
    assert html.count("Closed") == 2 and html.count("08:00–18:00") == 5
    DateException.objects.create(
        practitioner=practitioner,
        date=dt.date(2027, 3, 26),
        kind="open",
        start_time=dt.time(10),
        end_time=dt.time(12),
    )
    html = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W12")
    assert "10:00–12:00" in html and html.count("Closed") == 1


def test_the_dst_week_shows_the_same_local_working_hours_on_both_sides_of_the_change(admin_client):
    # Summer time starts on Sunday 28 March 2027 at 3.00, which is also Easter Sunday (closed, like
    # Good Friday and Easter Monday): the practitioner opens the change day itself by an exception.
    practitioner, session_type = bookable()
    DateException.objects.create(
        practitioner=practitioner,
        date=dt.date(2027, 3, 28),
        kind="open",
        start_time=dt.time(8),
        end_time=dt.time(18),
    )
    before, on_the_day, after = at(3, 27, 10), at(3, 28, 10), at(3, 30, 10)
    BookingFactory(
        session_type=session_type, start=before, client_name="Ennen Vaihtoa", online=True, now=BOOKED
    )
    BookingFactory(
        session_type=session_type, start=on_the_day, client_name="Vaihtopäivä", online=True, now=BOOKED
    )
    BookingFactory(
        session_type=session_type, start=after, client_name="Jälkeen Vaihdon", online=True, now=BOOKED
    )
    assert after - before != dt.timedelta(days=3)  # the clocks really moved in between
    week_12 = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W12")
    week_13 = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W13")
    month = page(admin_client, reverse("admin:workspace_calendar"), month="2027-03")

    def day(html, date):
        return html.split(f'id="day-{date}"')[1].split("</section>")[0]

    for html, date, name in (
        (week_12, "2027-03-27", "Ennen Vaihtoa"),
        (week_12, "2027-03-28", "Vaihtopäivä"),
        (week_13, "2027-03-30", "Jälkeen Vaihdon"),
    ):
        section = day(html, date)
        # The same 8.00–18.00 band from the grid's top, and the 10.00 session on row 9, an hour long.
        assert "08:00–18:00" in section and 'class="cal-open r1 s40"' in section
        assert re.search(
            rf'r9 s4 l1">\s*<span class="cal-time">10:00–11:00</span>\s*<span class="cal-title">{name}',
            section,
        )
    assert "Closed" in day(week_13, "2027-03-29")  # Easter Monday
    assert month.count("08:00–18:00") == 35 - 3 + 1  # five weeks, three holidays closed, one opened
    assert all(name in month for name in ("Ennen Vaihtoa", "Vaihtopäivä", "Jälkeen Vaihdon"))


def test_month_view_lists_the_months_days_and_items(admin_client, calendar_data):
    html = page(admin_client, reverse("admin:workspace_calendar"), month="2027-03")
    assert html.count("data-day") == 35  # 1 March is a Monday, 4 April a Sunday: five weeks
    assert "March 2027" in html
    assert "Maija Meikäläinen" in html and "Koulutus" in html
    assert "?week=2027-W12" in html  # a day opens its week


def test_previous_next_and_today_links_and_the_practitioner_filter(admin_client, calendar_data):
    practitioner, _st, _maija, _johan = calendar_data
    other = PractitionerFactory(display_name="Toinen Ohjaaja")
    html = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W12")
    assert "week=2027-W11" in html and "week=2027-W13" in html and "month=2027-03" in html
    # Two practitioners and the superuser is neither: everyone's calendar, with a filter.
    assert 'name="practitioner"' in html and "Toinen Ohjaaja" in html and "Maija" in html
    html = page(admin_client, reverse("admin:workspace_calendar"), week="2027-W12", practitioner=other.pk)
    assert "Maija" not in html
    html = page(
        admin_client, reverse("admin:workspace_calendar"), week="2027-W12", practitioner=practitioner.pk
    )
    assert "Maija" in html


def test_bad_parameters_fall_back_to_this_week(admin_client, calendar_data):
    for params in ({"week": "2027-W99"}, {"week": "x"}, {"month": "2027-13"}, {"practitioner": "9999"}):
        assert "Maija" in page(admin_client, reverse("admin:workspace_calendar"), **params)
    html = page(admin_client, reverse("admin:workspace_agenda"), day="2027-02-30")
    assert "Aamutoimet" not in html


def test_the_calendar_needs_the_view_permission(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("admin:workspace_calendar")).status_code == 403
    client.logout()
    assert client.get(reverse("admin:workspace_calendar")).status_code == 302


def test_mediation_meetings_show_case_and_stage_to_their_mediator_only(client):
    practitioner, _session_type = bookable()
    mediation_meeting(practitioner, at(3, 25, 9), at(3, 25, 12))
    client.force_login(practitioner.user)
    practitioner.user.is_superuser = False
    practitioner.user.save()
    from django.contrib.auth.models import Permission

    practitioner.user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_booking", "change_booking"])
    )
    html = page(client, reverse("admin:workspace_agenda"), day="2027-03-25")
    assert "Tiimi A" in html and "Problem definition" in html and "Neuvotteluhuone 2" in html

    colleague = StaffFactory()
    colleague.user_permissions.add(*Permission.objects.filter(codename="view_booking"))
    client.force_login(colleague)
    html = page(client, reverse("admin:workspace_agenda"), day="2027-03-25", practitioner=practitioner.pk)
    assert "Sovittelutapaaminen" in html or "Mediation meeting" in html
    assert "Tiimi A" not in html and "Problem definition" not in html


def _fill_week(practitioner, session_type, count):
    days = [dt.date(2027, 3, 22) + dt.timedelta(days=i) for i in range(7)]
    made = 0
    for day in days:
        for hour in range(8, 18):
            if made == count:
                return
            BookingFactory(
                session_type=session_type,
                start=at(3, day.day, hour),
                client_name=f"Asiakas {made}",
                online=True,
                now=BOOKED,
            )
            made += 1


def test_the_week_takes_the_same_queries_empty_or_full(
    admin_client, django_assert_num_queries, django_assert_max_num_queries
):
    practitioner, session_type = bookable()
    url = reverse("admin:workspace_calendar")
    admin_client.get(url)  # sessions, content types and the like warmed up
    with django_assert_max_num_queries(QUERIES_WEEK) as empty:
        page(admin_client, url)
    _fill_week(practitioner, session_type, 40)
    time_off(practitioner, at(3, 28, 0), at(3, 29, 0))
    mediation_meeting(practitioner, at(3, 27, 18, 30), at(3, 27, 20))
    with django_assert_num_queries(len(empty.captured_queries)):
        html = page(admin_client, url)
    assert html.count("cal-item kind-booking") == 40 and "kind-mediation" in html and "kind-time_off" in html
    with django_assert_num_queries(len(empty.captured_queries)):
        page(admin_client, url, month="2027-03")
    with django_assert_num_queries(len(empty.captured_queries)):
        page(admin_client, reverse("admin:workspace_agenda"), day="2027-03-23")


# Session and user (2), the practitioners (1), the blocks with their owners (1), the chosen
# practitioner's exceptions, busy times and weekly hours (3), and saving the session (3: its
# update inside a savepoint).
QUERIES_WEEK = 10


def test_the_agenda_lists_the_days_sessions_in_order_with_what_the_practitioner_needs(
    admin_client, calendar_data
):
    practitioner, session_type, maija, _johan = calendar_data
    SessionTypeFactory(practitioners=[practitioner])
    later = BookingFactory(
        session_type=session_type,
        start=at(3, 23, 15),
        client_name="Iltapäivän Asiakas",
        phone="040 111",
        online=True,
        now=BOOKED,
    )
    Booking.objects.filter(pk=maija.pk).update(internal_note="Muista lasku.")
    html = page(admin_client, reverse("admin:workspace_agenda"), day="2027-03-23")
    assert html.index("Maija Meikäläinen") < html.index("Iltapäivän Asiakas")
    assert "10:00–11:00" in html and "15:00–16:00" in html
    assert "Toivon puhetta esihenkilötyöstä." in html and "Muista lasku." in html
    assert maija.meeting_url in html and "Online" in html
    assert "040 111" in html and later.email in html
    assert "Johan" not in html  # another day
    assert "Mark completed" not in html and "Merkitse pidetyksi" not in html  # not begun yet


def test_the_agenda_marks_a_past_session_completed_or_no_show(admin_client, calendar_data, frozen_at_now):
    _p, _st, maija, _johan = calendar_data
    frozen_at_now.move_to(at(3, 23, 12))
    admin_client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:workspace_agenda") + "?day=2027-03-23"
    assert 'value="no_show"' in page(admin_client, url)
    response = admin_client.post(url, {"booking": maija.pk, "status": "no_show", "next": url})
    assert response.status_code == 302 and response.url == f"{url}#booking-{maija.pk}"
    maija.refresh_from_db()
    assert maija.status == Booking.Status.NO_SHOW
    assert maija.changes.last().action == "no_show"
    response = admin_client.post(url, {"booking": maija.pk, "status": "cancelled"})
    assert response.status_code == 302
    maija.refresh_from_db()
    assert maija.status == Booking.Status.NO_SHOW


def test_blocks_of_every_owner_kind_are_drawn():
    assert {k for k, _ in CalendarBlock.Kind.choices} >= {"booking", "hold", "mediation", "time_off"}
