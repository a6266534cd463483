"""A mediation request becomes a case with one POST from a confirmation page: the organisation, its
invoicing and the contact person are filled in; the request's message is shown to the practitioner
there, once, and is neither copied into the case nor kept on the request for other staff."""

import pytest
from django.urls import reverse

from mediation.models import MediationCase, StageChange, StageRecord
from services.models import ServiceRequest
from tests.factories import PractitionerFactory, StaffFactory
from tests.services.test_request_decisions import make_request

pytestmark = pytest.mark.django_db
MESSAGE = "Kahden tiimiläisen välit ovat tulehtuneet syksyn aikana."


@pytest.fixture
def mediation_request():
    return make_request(
        kind="mediation",
        key="m1",
        message=MESSAGE,
        phone="040 111 2222",
        einvoice_address="003701120389",
        einvoice_operator="003721291126",
        invoice_reference="HR/42",
        language="sv",
    )


@pytest.fixture
def practitioner_client(client):
    practitioner = PractitionerFactory(user=StaffFactory(is_superuser=True))
    client.force_login(practitioner.user)
    client.practitioner = practitioner
    return client


def open_case_url(service_request) -> str:
    return reverse("admin:services_servicerequest_open_case", args=[service_request.pk])


def test_the_practitioner_reads_the_message_once_and_opens_the_case(practitioner_client, mediation_request):
    change = practitioner_client.get(
        reverse("admin:services_servicerequest_change", args=[mediation_request.pk])
    )
    assert f'href="{open_case_url(mediation_request)}"' in change.content.decode()
    page = practitioner_client.get(open_case_url(mediation_request)).content.decode()
    assert MESSAGE in page and "Esimerkki Oy" in page and "Maija Meikäläinen" in page
    assert not MediationCase.objects.exists()  # a GET opens nothing

    response = practitioner_client.post(open_case_url(mediation_request), {"title": "Esimerkki Oy, tiimi 2"})
    case = MediationCase.objects.get()
    assert response["Location"] == reverse("admin:mediation_mediationcase_change", args=[case.pk])
    assert (case.mediator, case.stage, case.title) == (
        practitioner_client.practitioner,
        1,
        "Esimerkki Oy, tiimi 2",
    )
    assert (case.organisation_name, case.business_id) == ("Esimerkki Oy", "0112038-9")
    assert (case.contact_name, case.contact_email, case.contact_phone, case.contact_language) == (
        "Maija Meikäläinen",
        "maija@example.fi",
        "040 111 2222",
        "sv",
    )
    assert (case.einvoice_address, case.einvoice_operator, case.invoice_reference) == (
        "003701120389",
        "003721291126",
        "HR/42",
    )
    assert StageRecord.objects.filter(case=case).count() == 6
    assert StageChange.objects.filter(case=case, kind=StageChange.Kind.OPENED).exists()
    mediation_request.refresh_from_db()
    assert mediation_request.mediation_case == case and mediation_request.message == ""
    assert mediation_request.status == ServiceRequest.Status.IN_PROGRESS
    # Not copied anywhere in the case: not in its fields, its stage records or its history.
    for row in [case, *StageRecord.objects.filter(case=case), *StageChange.objects.filter(case=case)]:
        assert not any("tulehtuneet" in str(getattr(row, f.attname, "")) for f in row._meta.concrete_fields)
    desk = practitioner_client.get(reverse("admin:mediation_mediationcase_change", args=[case.pk]))
    assert "tulehtuneet" not in desk.content.decode()


def test_a_second_post_opens_no_second_case(practitioner_client, mediation_request):
    practitioner_client.post(open_case_url(mediation_request), {"title": "Tiimi"})
    again = practitioner_client.post(open_case_url(mediation_request), {"title": "Tiimi"})
    assert again.status_code == 404
    assert MediationCase.objects.count() == 1


def test_a_title_is_needed_and_its_absence_is_told_next_to_the_field(practitioner_client, mediation_request):
    response = practitioner_client.post(open_case_url(mediation_request), {"title": " "})
    assert response.status_code == 400 and 'class="form-row errors"' in response.content.decode()
    assert not MediationCase.objects.exists()


def test_other_staff_neither_read_the_message_nor_open_a_case(client, mediation_request):
    client.force_login(StaffFactory(is_superuser=True))  # no practitioner: not a mediator
    change = client.get(reverse("admin:services_servicerequest_change", args=[mediation_request.pk]))
    assert change.status_code == 200 and MESSAGE not in change.content.decode()
    assert open_case_url(mediation_request) not in change.content.decode()
    assert MESSAGE not in client.get(reverse("admin:workspace_requests")).content.decode()
    assert client.get(open_case_url(mediation_request)).status_code == 404
    assert client.post(open_case_url(mediation_request), {"title": "x"}).status_code == 404
    assert not MediationCase.objects.exists()


def test_only_a_mediation_request_becomes_a_case(practitioner_client):
    talk = make_request(key="t1")
    assert practitioner_client.get(open_case_url(talk)).status_code == 404
