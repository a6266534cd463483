"""Party isolation, proven page by page: what a party sent is read by their case's mediator and by
no one else. Another staff member with every mediation permission, the mediator of another case and
a superuser walk every admin page of the mediation models (lists, searches, change pages, history),
the case's own pages, admin's autocomplete, the workspace's calendar, agenda and export, and the
personal-data export of the party's address: the party's words appear on none of them. The case's
own mediator, on the same walk, reads them (so the walk can fail)."""

import io
import zipfile

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.time import HELSINKI
from mediation.models import MediationCase
from tests.factories import PractitionerFactory, StaffFactory, open_every_day
from tests.mediation.factories import MediationCaseFactory, PartyFactory

from .conftest import book_meeting, prepare

pytestmark = pytest.mark.django_db
SECRET = "Esihenkilöni huutaa minulle palavereissa"
WORD = "huutaa"  # searched for (and so echoed in search boxes)
SHOWN = "palavereissa"  # found on a page only if the answer itself is there


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def sent(case, parties, clock):
    """Both parties sent their forms, one of them with SECRET; a meeting of the case is booked."""
    prepare(case, parties, answers={"situation": SECRET, "hopes": f"{WORD} ei enää"})
    meeting = book_meeting(case, parties)
    return case, parties, meeting


def other_mediator():
    practitioner = PractitionerFactory(display_name="Toinen Sovittelija")
    open_every_day(practitioner)
    other_case = MediationCaseFactory(mediator=practitioner, title="Toinen asia")
    PartyFactory(case=other_case, name="Cecilia", email="cecilia@example.fi")
    user = practitioner.user
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["mediation", "bookings"])
    )
    return user


def staff_with_every_permission():
    user = StaffFactory()
    user.user_permissions.set(Permission.objects.all())
    return user


def pages(case, parties, meeting) -> list[str]:
    """Every admin page that could show the case's content, and the workspace's pages of its days."""
    urls = []
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label != "mediation":
            continue
        base = f"admin:{meta.app_label}_{meta.model_name}"
        urls += [reverse(f"{base}_changelist"), reverse(f"{base}_changelist") + f"?q={WORD}"]
        for obj in model._default_manager.all():
            urls += [reverse(f"{base}_{view}", args=[obj.pk]) for view in ("change", "history")]
    urls += [
        reverse(f"admin:mediation_case_{view}", args=[case.pk]) for view in ("stage", "close", "reassign")
    ]
    urls.append(reverse("admin:mediation_mediationcase_change", args=[case.pk]) + "?edit=1")
    urls.append(reverse("admin:mediation_meeting_times", args=[meeting.pk]))
    for model, field in (("party", "case"), ("meeting", "case"), ("agreement", "case")):
        for term in (WORD, case.title, ""):
            urls.append(
                reverse("admin:autocomplete")
                + f"?app_label=mediation&model_name={model}&field_name={field}&term={term}"
            )
    day = meeting.start.astimezone(HELSINKI).date()
    urls += [
        reverse("admin:workspace_calendar") + f"?week={day.isoformat()}",
        reverse("admin:workspace_agenda") + f"?day={day.isoformat()}",
        reverse("admin:workspace_overview"),
        reverse("admin:privacy_person") + f"?email={parties[0].email}",
    ]
    for kind in ("csv", "xlsx"):
        urls.append(
            reverse("admin:workspace_export") + f"?first_day={day.replace(day=1).isoformat()}"
            f"&last_day={day.isoformat()}&format={kind}&include_cancelled=on"
        )
    return urls


def readable(response) -> str:
    """The response as text, the files inside a ZIP (an XLSX, a personal-data export) included."""
    body = response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


def walk(client, case, parties, meeting) -> dict[str, int]:
    """{url: status} of the pages that show the party's words."""
    shown = {}
    for url in pages(case, parties, meeting):
        response = client.get(url)
        assert response.status_code < 500, url
        if SHOWN in readable(response):
            shown[url] = response.status_code
    export = client.post(reverse("admin:privacy_person_export"), {"email": parties[0].email})
    if SHOWN in readable(export):
        shown["personal-data export"] = export.status_code
    return shown


@pytest.mark.parametrize("who", ["other staff", "another case's mediator", "superuser"])
def test_no_one_but_the_cases_mediator_reads_what_a_party_sent_on_any_page(client, sent, who):
    case, parties, meeting = sent
    user = {
        "other staff": staff_with_every_permission,
        "another case's mediator": other_mediator,
        "superuser": lambda: StaffFactory(is_superuser=True),
    }[who]()
    client.force_login(user)
    assert walk(client, case, parties, meeting) == {}


def test_the_cases_own_mediator_reads_it_on_the_same_walk(client, sent, mediator):
    case, parties, meeting = sent
    client.force_login(mediator.user)
    shown = walk(client, case, parties, meeting)
    assert reverse("admin:mediation_mediationcase_change", args=[case.pk]) in shown
    assert "personal-data export" in shown  # the mediator may hand a party their own answers
    assert MediationCase.objects.get(pk=case.pk).parties.count() == 2
