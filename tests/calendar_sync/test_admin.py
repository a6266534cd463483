"""External calendars in the workspace: connecting one reads it at once, CalDAV keeps its saved
password, "sync now" reports success and failure, and staff see only their own calendars."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from calendar_sync.models import ExternalCalendar
from tests.calendar_sync.conftest import sign_in
from tests.calendar_sync.sources import NOW, connect, event, external_blocks, fi, ics, local, sync
from tests.factories import PractitionerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "sync_settings")]


def test_admin_connects_a_calendar_and_reads_it_at_once(
    clock, admin_client, setup, server, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    url = server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12))))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:calendar_sync_externalcalendar_add"),
            {
                "practitioner": practitioner.pk,
                "name": "Google",
                "kind": "ics_url",
                "url": url,
                "active": "on",
            },
            follow=True,
        )
    assert response.status_code == 200
    source = ExternalCalendar.objects.get()
    assert source.last_success_at == NOW and external_blocks(practitioner)
    # The secret address is encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT url FROM calendar_sync_externalcalendar")
        assert cursor.fetchone()[0] != url


def test_admin_caldav_needs_user_and_password_and_keeps_the_saved_password(admin_client, setup):
    practitioner, _ = setup
    add = reverse("admin:calendar_sync_externalcalendar_add")
    data = {
        "practitioner": practitioner.pk,
        "kind": "caldav",
        "url": "https://dav.example.fi/cal/",
        "active": "on",
    }
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"username", "password"}

    source = ExternalCalendar.objects.create(
        practitioner=practitioner,
        kind="caldav",
        url="https://dav.example.fi/cal/",
        username="aino",
        password="app-pass",
    )
    change = reverse("admin:calendar_sync_externalcalendar_change", args=[source.pk])
    page = admin_client.get(change).content.decode()
    assert "app-pass" not in page
    response = admin_client.post(change, {**data, "username": "aino", "name": "Nextcloud", "password": ""})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.password == "app-pass" and source.name == "Nextcloud"


def test_admin_sync_now_reports_success_and_failure(clock, admin_client, setup, server):
    practitioner, _ = setup
    good = connect(
        practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))), name="Work"
    )
    bad = connect(practitioner, server.serve("/bad.ics", b"nonsense"), name="Home")
    response = admin_client.post(
        reverse("admin:calendar_sync_externalcalendar_changelist"),
        {"action": "sync_now", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    page = response.content.decode()
    with translation.override("fi"):
        read = ngettext(
            "%(calendar)s: read, %(count)s busy time.", "%(calendar)s: read, %(count)s busy times.", 1
        )
    assert read % {"calendar": "Work", "count": 1} in page
    error = "The answer is not iCalendar data."  # in the practitioner's language (English here)
    assert (
        fi(
            gettext_lazy("%(calendar)s: %(error)s The last good busy times are kept."),
            calendar="Home",
            error=error,
        )
        in page
    )
    listing = admin_client.get(reverse("admin:calendar_sync_externalcalendar_changelist")).content.decode()
    assert "127.0.0.1" in listing and "/cal.ics" not in listing  # the server, never the secret address


def test_admin_deleting_a_calendar_removes_its_busy_times(
    clock, admin_client, setup, server, django_capture_on_commit_callbacks
):
    practitioner, _ = setup
    source = connect(practitioner, server.serve("/cal.ics", ics(event("e@x", local(30, 9), local(30, 12)))))
    sync(source, django_capture_on_commit_callbacks)
    response = admin_client.post(
        reverse("admin:calendar_sync_externalcalendar_delete", args=[source.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ExternalCalendar.objects.exists() and external_blocks(practitioner) == []


def test_staff_see_only_their_own_practitioners_calendars(client, setup):
    practitioner, _ = setup
    other = PractitionerFactory()
    connect(practitioner, "https://calendar.example.com/mine.ics", name="Mine")
    connect(other, "https://calendar.example.com/theirs.ics", name="Theirs")
    user = practitioner.user
    from django.contrib.auth.models import Permission

    user.user_permissions.set(Permission.objects.filter(codename__endswith="externalcalendar"))
    sign_in(client, user)
    page = client.get(reverse("admin:calendar_sync_externalcalendar_changelist")).content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert admin_site.is_registered(ExternalCalendar)
