"""Who a case, an event or a practitioner's calendar belongs to changes only by a superuser, with a
written reason that is recorded (and, for a case, mailed to both mediators); nobody can give
themselves access through a change form. Asked in the matrix's world, as its roles."""

import io
import json
import zipfile
from base64 import b32encode

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.time import HELSINKI
from mediation.kinds import MediationMessage
from notifications.models import Message
from privacy.models import AccessChange, PrivacyRequest

from .matrix_walk import ask, client_for, registered_admins
from .matrix_world import (
    CASE_CONTENT,
    HEALTH,
    MEDIATOR,
    PRACTITIONER,
    STAFF,
    SUPERUSER,
    TITLE,
    WHO,
    module_world,
)

pytestmark = pytest.mark.django_db
REASON = "Sovittelija on jäävi: tuntee osapuolen."


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker)


def post(world, role, name, pk, data):
    return client_for(world, role).post(reverse(name, args=[pk]), data)


def test_a_superuser_gives_the_case_to_another_mediator_with_a_reason_recorded_and_mailed_to_both(world):
    case, former, new = world.objects["case"], world.objects["mediator"], world.objects["practitioner"]
    response = post(
        world, SUPERUSER, "admin:mediation_case_reassign", case.pk, {"mediator": new.pk, "reason": REASON}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.mediator == new
    change = AccessChange.objects.get(field="mediator", target_id=case.pk)
    assert (change.reason, change.by_user, change.old_value, change.new_value) == (
        REASON,
        world.users[SUPERUSER],
        str(former),
        str(new),
    )
    told = Message.objects.filter(kind=MediationMessage.REASSIGNED).values_list("recipient", flat=True)
    assert sorted(told) == sorted([former.email, new.email])
    # The content went with the case: the new mediator reads it, the former one no longer finds it.
    desk = reverse("admin:mediation_mediationcase_change", args=[case.pk])
    assert ask(client_for(world, PRACTITIONER), desk) == ("200", CASE_CONTENT | WHO)
    assert ask(client_for(world, MEDIATOR), desk) == ("404", frozenset())
    assert ask(client_for(world, SUPERUSER), desk) == ("200", WHO)  # the overview, never the content


def test_after_a_reassignment_the_former_mediators_calendar_names_the_cases_past_meetings_no_more(world):
    case, former = world.objects["case"], world.objects["mediator"]
    held = world.objects["meeting"]  # held before the agreement: its time stays in the former calendar
    agenda = reverse("admin:workspace_agenda") + f"?day={held.start.astimezone(HELSINKI).date()}"
    assert ask(client_for(world, MEDIATOR), agenda) == ("200", frozenset({TITLE}))
    data = {"mediator": world.objects["practitioner"].pk, "reason": REASON}
    assert post(world, SUPERUSER, "admin:mediation_case_reassign", case.pk, data).status_code == 302
    assert held.block.practitioner == former
    assert ask(client_for(world, MEDIATOR), agenda) == ("200", frozenset())
    assert ask(client_for(world, PRACTITIONER), agenda + f"&practitioner={former.pk}") == (
        "200",
        frozenset({TITLE}),
    )


def test_a_case_is_not_reassigned_without_a_reason_nor_by_anyone_but_a_superuser(world):
    case, other = world.objects["case"], world.objects["practitioner"]
    refused = post(
        world, SUPERUSER, "admin:mediation_case_reassign", case.pk, {"mediator": other.pk, "reason": " "}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["reason"]
    for role in (STAFF, PRACTITIONER, MEDIATOR):
        data = {"mediator": world.objects["practitioner"].pk, "reason": REASON}
        assert post(world, role, "admin:mediation_case_reassign", case.pk, data).status_code == 404
    case.refresh_from_db()
    assert case.mediator == world.objects["mediator"]
    assert not AccessChange.objects.exists()


def test_an_event_with_health_declarations_stays_with_the_practitioner_who_received_them(world):
    event, other = world.objects["event"], world.objects["mediator"]
    response = post(
        world,
        SUPERUSER,
        "admin:events_event_reassign",
        event.pk,
        {"practitioner": other.pk, "reason": REASON},
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    event.refresh_from_db()
    assert event.practitioner == world.objects["practitioner"]
    assert not AccessChange.objects.exists()
    seat = reverse("admin:events_seatbooking_change", args=[world.objects["seat"].pk])
    assert ask(client_for(world, PRACTITIONER), seat) == ("200", frozenset({HEALTH}))


def test_a_practitioners_account_changes_only_by_a_superuser_with_a_reason(world):
    practitioner, staff = world.objects["practitioner"], world.users[STAFF]
    data = {"user": staff.pk, "reason": REASON}
    for role in (STAFF, PRACTITIONER, MEDIATOR):
        assert (
            post(world, role, "admin:bookings_practitioner_account", practitioner.pk, data).status_code == 404
        )
    practitioner.refresh_from_db()
    assert practitioner.user == world.users[PRACTITIONER]
    assert (
        post(world, SUPERUSER, "admin:bookings_practitioner_account", practitioner.pk, data).status_code
        == 302
    )
    practitioner.refresh_from_db()
    assert practitioner.user == staff
    change = AccessChange.objects.get(field="user")
    assert (change.reason, change.by_user, change.new_value) == (REASON, world.users[SUPERUSER], "staff")


@pytest.mark.parametrize("role", [STAFF, PRACTITIONER, MEDIATOR, SUPERUSER])
def test_no_change_form_has_a_field_for_whose_calendar_case_or_event_it_is(world, role):
    """Even a superuser changes these only through the recorded actions above, never a form."""
    admins = registered_admins()
    request = RequestFactory().get("/")
    request.user = world.users[role]
    for label, name, field in (
        ("bookings.practitioner", "practitioner", "user"),
        ("mediation.mediationcase", "case", "mediator"),
        ("events.event", "event", "practitioner"),
    ):
        model_admin, obj = admins[label], world.objects[name]
        if model_admin.has_change_permission(request, obj):
            assert field not in model_admin.get_form(request, obj, change=True).base_fields, (label, role)


def test_a_case_opened_by_a_practitioner_is_their_own(world):
    request = RequestFactory().get("/")
    request.user = world.users[PRACTITIONER]
    form = registered_admins()["mediation.mediationcase"].get_form(request, None, change=False)
    assert list(form.base_fields["mediator"].queryset) == [world.objects["practitioner"]]


def test_no_one_reads_a_second_factors_secret(world):
    """Not its key, its QR code's address or a backup code: on no page of the second factors' admin
    (django-otp's own config and QR code pages are not in it), as no role."""
    totp, static = world.objects["totp"], world.objects["static"]
    code = static.token_set.create(token="mxbackupcode").token
    secrets = (totp.key, b32encode(bytes.fromhex(totp.key)).decode().rstrip("="), "otpauth://", code)
    pages = [
        reverse(f"admin:{label}_{view}", args=[device.pk])
        for label, device in (("otp_totp_totpdevice", totp), ("otp_static_staticdevice", static))
        for view in ("change", "history", "delete")
    ]
    pages += [
        reverse(f"admin:{label}_changelist") for label in ("otp_totp_totpdevice", "otp_static_staticdevice")
    ]
    pages += [reverse("admin:auth_user_change", args=[totp.user_id]), reverse("admin:two_factor")]
    for role in (STAFF, PRACTITIONER, MEDIATOR, SUPERUSER):
        client = client_for(world, role)
        for page in pages:
            text = client.get(page).content.decode()
            assert not [secret for secret in secrets if secret in text], (role, page)


def exported(world, role, email) -> dict:
    response = client_for(world, role).post(reverse("admin:privacy_person_export"), {"email": email})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: json.loads(archive.read(name)) for name in archive.namelist()}


def test_the_export_says_who_provides_what_this_user_may_not_read_and_every_export_is_recorded(world):
    for role in (PRACTITIONER, SUPERUSER):
        assert "to be provided by the case's mediator" in json.dumps(exported(world, role, "aino@example.fi"))
    for role in (MEDIATOR, SUPERUSER):
        text = json.dumps(exported(world, role, "liisa@example.fi"))
        assert "to be provided by the event's practitioner" in text and HEALTH not in text
    assert "to be provided" not in json.dumps(exported(world, MEDIATOR, "aino@example.fi"))
    records = PrivacyRequest.objects.filter(kind=PrivacyRequest.Kind.EXPORT).exclude(
        pk=world.objects["privacy_request"].pk
    )
    assert sorted((r.email, r.done_by.username) for r in records) == sorted(
        [
            ("aino@example.fi", "practitioner"),
            ("aino@example.fi", "superuser"),
            ("liisa@example.fi", "mediator"),
            ("liisa@example.fi", "superuser"),
            ("aino@example.fi", "mediator"),
        ]
    )
    assert all(r.counts for r in records)


def test_an_erasure_is_refused_to_whom_the_case_is_not_and_recorded_when_made(world):
    data = {"email": "aino@example.fi", "confirm": "aino@example.fi"}
    for role in (PRACTITIONER, SUPERUSER):
        response = client_for(world, role).post(reverse("admin:privacy_person_erase"), data)
        assert response.status_code == 400
        assert response.context["erase_form"].non_field_errors()
    assert not PrivacyRequest.objects.filter(kind=PrivacyRequest.Kind.ERASURE).exists()
    assert client_for(world, MEDIATOR).post(reverse("admin:privacy_person_erase"), data).status_code == 302
    record = PrivacyRequest.objects.get(kind=PrivacyRequest.Kind.ERASURE)
    assert (record.email, record.done_by, record.counts["mediation"]) == (
        "aino@example.fi",
        world.users[MEDIATOR],
        1,
    )
