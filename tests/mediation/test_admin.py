"""The mediator runs the case in admin; other staff never see it."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bookings.actions.booking import block_reserve
from mediation.actions.scheduling import meeting_create, meeting_propose_times
from mediation.models import MediationCase, Meeting, Party, StageDocument
from notifications.models import Message
from tests.factories import PractitionerFactory, StaffFactory, UserFactory
from tests.mediation.factories import MediationCaseFactory

from .conftest import helsinki, prepare

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    # Sign-in lockout is tested with the workspace; force_login's signal would log 'unknown' as an address.
    settings.AXES_ENABLED = False


@pytest.fixture
def mediator_client(client, mediator, clock):
    client.force_login(mediator.user)
    return client


@pytest.fixture
def other_staff(client, clock):
    """A staff user with every mediation permission, who is not this case's mediator."""
    user = StaffFactory()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="mediation"))
    client.force_login(user)
    return client


def test_the_mediator_sees_their_case_and_not_another_mediators(mediator_client, case):
    other = MediationCaseFactory(title="Toisen sovittelijan juttu")
    page = mediator_client.get(admin_url("mediation_mediationcase_changelist")).content.decode()
    assert case.title in page and other.title not in page
    assert mediator_client.get(admin_url("mediation_mediationcase_change", case.pk)).status_code == 200
    response = mediator_client.get(admin_url("mediation_mediationcase_change", other.pk))
    assert response.status_code == 404  # a plain "not found", as for a case that does not exist
    assert mediator_client.get(admin_url("mediation_case_stage", other.pk)).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "mediation_mediationcase_change",
        "mediation_case_stage",
        "mediation_case_close",
        "mediation_mediationcase_history",
        "mediation_mediationcase_delete",
    ],
)
def test_a_staff_user_who_is_not_the_mediator_can_not_open_the_case(other_staff, case, name):
    response = other_staff.get(admin_url(name, case.pk))
    assert response.status_code in (302, 403, 404)
    assert case.title not in response.content.decode()


def test_other_staff_see_no_cases_at_all(other_staff, case, parties):
    response = other_staff.get(admin_url("mediation_mediationcase_changelist"))
    assert response.status_code == 403
    index = other_staff.get(reverse("admin:index")).content.decode()
    assert "Mediation" not in index and "Sovittelu" not in index
    for name in ("mediation_meeting_changelist", "mediation_agreement_changelist"):
        assert other_staff.get(admin_url(name)).status_code == 403
    assert Party.objects.count() == 2  # nothing was touched


def test_another_practitioner_lists_only_their_own_cases(client, case):
    colleague = PractitionerFactory()
    client.force_login(colleague.user)
    page = client.get(admin_url("mediation_mediationcase_changelist"))
    assert page.status_code == 200 and case.title not in page.content.decode()
    assert client.get(admin_url("mediation_case_stage", case.pk)).status_code == 404


def test_a_superuser_sees_every_case(client, case):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert case.title in client.get(admin_url("mediation_mediationcase_changelist")).content.decode()


def test_a_mediator_opens_a_case_as_the_mediator_and_parties_are_invited_from_the_inline(
    mediator_client, mediator
):
    data = {
        "title": "Uusi sovittelu",
        "mediator": mediator.pk,
        "organisation_name": "Firma Oy",
        "business_id": "0737546-2",
        "contact_name": "Hanna",
        "contact_email": "hanna@firma.fi",
        "contact_language": "fi",
        "price": "1800.00",
        "vat_rate": "25.5",
        "checkin_after_days": "28",
        "followup_meeting_after_days": "70",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-0-name": "Aino",
        "parties-0-email": "aino@firma.fi",
        "parties-0-language": "fi",
        "parties-0-role": "employee",
        "parties-0-send_invitation": "on",
        "parties-1-name": "Ben",
        "parties-1-email": "ben@firma.fi",
        "parties-1-language": "en",
        "parties-1-role": "supervisor",
    }
    response = mediator_client.post(admin_url("mediation_mediationcase_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = MediationCase.objects.get(title="Uusi sovittelu")
    assert case.records.count() == 6 and case.stage_changes.count() == 1
    assert list(Message.objects.filter(kind="mediation_invitation").values_list("recipient", flat=True)) == [
        "aino@firma.fi"
    ]
    assert case.parties.get(email="aino@firma.fi").invited_at is not None


def test_a_bad_business_id_is_refused_at_its_field(mediator_client, mediator):
    response = mediator_client.post(
        admin_url("mediation_mediationcase_add"),
        {
            "title": "x",
            "mediator": mediator.pk,
            "business_id": "1234567-8",
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Y-tunnus" in response.content.decode()


def test_the_stage_page_shows_what_is_missing_and_moves_the_case_when_ready(
    mediator_client, case, parties, clock
):
    page = mediator_client.get(admin_url("mediation_case_stage", case.pk)).content.decode()
    assert "Not every party has given their consent." in page or "Kaikki osapuolet eivät ole antaneet" in page
    response = mediator_client.post(admin_url("mediation_case_stage", case.pk), {"direction": "forward"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.stage == 1
    prepare(case, parties)
    response = mediator_client.post(
        admin_url("mediation_case_stage", case.pk), {"direction": "forward", "note": "ok"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == 2
    assert case.stage_changes.last().by_user == case.mediator.user
    response = mediator_client.post(
        admin_url("mediation_case_stage", case.pk), {"direction": "back", "note": ""}
    )
    case.refresh_from_db()
    assert case.stage == 2  # no reason, no move
    mediator_client.post(
        admin_url("mediation_case_stage", case.pk), {"direction": "back", "note": "a party asked"}
    )
    case.refresh_from_db()
    assert case.stage == 1


def test_the_mediator_proposes_free_times_sees_the_overlap_and_books_with_one_click(
    mediator_client, case, parties, mediator, clock
):
    meeting = meeting_create(case=case, kind=Meeting.Kind.JOINT, parties=parties, duration_minutes=240)
    times_url = admin_url("mediation_meeting_times", meeting.pk)
    page = mediator_client.get(times_url + "?from=2027-03-03")
    assert page.status_code == 200
    free = page.context["form"].fields["starts"].choices
    assert free, "the mediator's working hours give free times"
    first = free[0][0]
    response = mediator_client.post(
        times_url, {"action": "propose", "starts": [first], "extra_0": "2027-03-04", "extra_1": "10:00"}
    )
    assert response.status_code == 302
    assert meeting.proposals.count() == 2
    mediator_client.post(times_url, {"action": "send"})
    assert Message.objects.filter(kind="mediation_times").count() == 2
    # The time is taken meanwhile: booking it is refused with a message, nothing booked.
    proposal = meeting.proposals.get(start=helsinki(2027, 3, 4, 10))
    block_reserve(
        practitioner=mediator,
        start=proposal.start,
        end=proposal.start + dt.timedelta(hours=1),
        kind="booking",
    )
    page = mediator_client.post(times_url, {"action": "book", "proposal": proposal.pk})
    assert page.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED
    other = meeting.proposals.exclude(pk=proposal.pk).get()
    response = mediator_client.post(times_url, {"action": "book", "proposal": other.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.BOOKED and meeting.start == other.start


def test_other_staff_can_not_book_or_see_a_meeting_of_the_case(other_staff, case, parties, clock):
    meeting = meeting_create(case=case, kind=Meeting.Kind.JOINT, parties=parties, duration_minutes=60)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 3, 4, 10)])
    response = other_staff.post(
        admin_url("mediation_meeting_times", meeting.pk), {"action": "book", "proposal": proposal.pk}
    )
    assert response.status_code in (403, 404)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED


def test_documents_are_stored_encrypted_and_downloaded_only_by_the_mediator(
    mediator_client, client, case, clock
):
    StageDocument.objects.create(case=case, stage=1, name="muistio.txt", data="c2FsYWluZW4=", size=8)
    document = StageDocument.objects.get(case=case)
    response = mediator_client.get(admin_url("mediation_case_document", case.pk, document.pk))
    assert response.status_code == 200 and response.content == b"salainen"
    assert "muistio.txt" in response["Content-Disposition"]
    mediator_client.logout()
    intruder = StaffFactory()
    client.force_login(intruder)
    assert client.get(admin_url("mediation_case_document", case.pk, document.pk)).status_code in (403, 404)


def test_a_document_uploaded_in_the_case_page_is_encrypted(mediator_client, case):
    from tests.mediation.test_confidentiality import raw

    edit_url = admin_url("mediation_mediationcase_change", case.pk) + "?edit=1"
    form = mediator_client.get(edit_url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["mediator"] = case.mediator_id
    for prefix, count in (("parties", 0), ("records", 6), ("documents", 0)):
        data[f"{prefix}-TOTAL_FORMS"] = str(count)
        data[f"{prefix}-INITIAL_FORMS"] = str(count)
    for i, record in enumerate(case.records.order_by("stage")):
        data[f"records-{i}-id"] = record.pk
        data[f"records-{i}-case"] = case.pk
        data[f"records-{i}-notes"] = "Sovittelijan oma muistiinpano" if record.stage == 1 else ""
    data["documents-TOTAL_FORMS"] = "1"
    data["documents-0-stage"] = "1"
    data["documents-0-upload"] = SimpleUploadedFile(
        "raportti.txt", b"luottamuksellinen sisalto", content_type="text/plain"
    )
    response = mediator_client.post(admin_url("mediation_mediationcase_change", case.pk), data)
    assert response.status_code == 302, response.content.decode()[:4000]
    document = StageDocument.objects.get(case=case)
    assert document.name == "raportti.txt" and document.size == 25
    assert "luottamuksellinen" not in raw("mediation_stagedocument", "data", document.pk)
    assert "raportti" not in raw("mediation_stagedocument", "name", document.pk)
    record = case.records.get(stage=1)
    assert record.notes == "Sovittelijan oma muistiinpano"
    assert "muistiinpano" not in raw("mediation_stagerecord", "notes", record.pk)


def test_every_admin_page_of_a_case_opens_for_its_mediator(mediator_client, case, parties, clock):
    from mediation.actions.case import case_move_stage
    from mediation.models import Agreement

    from .conftest import book_meeting

    prepare(case, parties)
    meeting = book_meeting(case, parties)
    for name, args, query in (
        ("mediation_mediationcase_changelist", (), ""),
        ("mediation_mediationcase_add", (), ""),
        ("mediation_mediationcase_change", (case.pk,), ""),
        ("mediation_case_stage", (case.pk,), ""),
        ("mediation_case_close", (case.pk,), ""),
        ("mediation_meeting_add", (), f"?case={case.pk}"),
        ("mediation_meeting_change", (meeting.pk,), ""),
        ("mediation_meeting_times", (meeting.pk,), ""),
        ("mediation_meeting_changelist", (), ""),
        ("mediation_agreement_add", (), f"?case={case.pk}"),
    ):
        response = mediator_client.get(admin_url(name, *args) + query)
        assert response.status_code == 200, name
    assert (
        "Aino Osapuoli"
        in mediator_client.get(admin_url("mediation_meeting_add") + f"?case={case.pk}").content.decode()
    )

    # Commissioning agreement and reminders from the stage page.
    assert mediator_client.post(admin_url("mediation_case_commission", case.pk)).status_code == 302
    assert mediator_client.post(admin_url("mediation_case_remind", case.pk)).status_code == 302

    # The agreement editor: written in admin, shown to the parties, the case shows who confirmed.
    case_move_stage(case=case, to_stage=2)
    clock.move_to(meeting.end + dt.timedelta(hours=1))
    mediator_client.force_login(case.mediator.user)  # the clock moved past the session's lifetime
    for stage in (3, 4, 5):
        case = case_move_stage(case=case, to_stage=stage)
    response = mediator_client.post(
        admin_url("mediation_agreement_add"),
        {
            "case": case.pk,
            "preamble": "Sovimme seuraavaa.",
            "commitments-TOTAL_FORMS": "1",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-position": "0",
            "commitments-0-who": "Aino ja Ben",
            "commitments-0-what": "Pitävät viikkopalaverin",
            "commitments-0-due_date": "2027-04-01",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(case=case)
    assert agreement.commitments.get().what == "Pitävät viikkopalaverin"
    assert mediator_client.post(admin_url("mediation_agreement_publish", agreement.pk)).status_code == 302
    agreement.refresh_from_db()
    assert agreement.published_at is not None
    assert Message.objects.filter(kind="mediation_agreement").count() == 2
    from mediation.actions.agreement import agreement_confirm

    agreement_confirm(party=parties[0], version=agreement.version)
    page = mediator_client.get(admin_url("mediation_mediationcase_change", case.pk)).content.decode()
    assert "Aino Osapuoli: vahvistanut" in page or "Aino Osapuoli: confirmed" in page
    assert "Ben Party: ei vahvistanut" in page or "Ben Party: not confirmed" in page
    assert mediator_client.get(admin_url("mediation_agreement_change", agreement.pk)).status_code == 200

    # Closing from admin.
    response = mediator_client.post(
        admin_url("mediation_case_close", case.pk),
        {"status": "withdrawn", "outcome": "no_agreement", "note": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn"
