"""The privacy pages in admin: find a person's data, download it, erase it; each recorded."""

import io
import zipfile

import pytest
from django.urls import reverse

from bookings.models import Booking
from privacy.models import PrivacyRequest
from tests.factories import BookingFactory, PractitionerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
EMAIL = "asiakas@example.fi"


@pytest.fixture
def booking():
    return BookingFactory(client_name="Asiakas", email=EMAIL, online=True)


@pytest.fixture
def officer(client):
    """A practitioner: privacy.access lets superusers and practitioners handle a person's data."""
    user = PractitionerFactory().user
    client.force_login(user)
    return user


def test_the_person_page_shows_what_each_app_holds(client, officer, booking):
    response = client.get(reverse("admin:privacy_person"), {"email": EMAIL.upper()})
    assert response.status_code == 200
    rows = {item.name: len(item.objects) for item in response.context["found"]}
    assert rows["bookings"] == 1 and rows["service_requests"] == 0
    assert b"Client details of a booking" in response.content


def test_a_bad_address_is_refused_at_the_field(client, officer):
    response = client.get(reverse("admin:privacy_person"), {"email": "not an address<script>"})
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert b"<script>" not in response.content


def test_the_export_downloads_a_zip_and_is_recorded(client, officer, booking):
    response = client.post(reverse("admin:privacy_person_export"), {"email": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "bookings.json" in archive.namelist()
    record = PrivacyRequest.objects.get()
    assert (record.kind, record.email, record.done_by) == ("export", EMAIL, officer)


def test_erasing_needs_the_address_typed_twice(client, officer, booking):
    response = client.post(
        reverse("admin:privacy_person_erase"), {"email": EMAIL, "confirm": "toinen@example.fi"}
    )
    assert response.status_code == 400
    assert response.context["erase_form"].errors["confirm"]
    assert Booking.objects.get(pk=booking.pk).email == EMAIL
    assert not PrivacyRequest.objects.exists()


def test_erasing_anonymises_and_is_recorded_in_the_log(client, officer, booking):
    response = client.post(reverse("admin:privacy_person_erase"), {"email": EMAIL, "confirm": EMAIL.upper()})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:privacy_privacyrequest_changelist")
    assert Booking.objects.get(pk=booking.pk).email == ""
    record = PrivacyRequest.objects.get()
    assert (record.kind, record.done_by, record.counts["bookings"]) == ("erasure", officer, 1)
    log = client.get(reverse("admin:privacy_privacyrequest_changelist"))
    assert log.status_code == 200
    assert EMAIL in log.content.decode()


def test_staff_without_the_permission_are_refused(client, booking):
    client.force_login(StaffFactory())
    assert client.get(reverse("admin:privacy_person"), {"email": EMAIL}).status_code == 403
    assert client.post(reverse("admin:privacy_person_export"), {"email": EMAIL}).status_code == 403
    assert (
        client.post(reverse("admin:privacy_person_erase"), {"email": EMAIL, "confirm": EMAIL}).status_code
        == 403
    )
    assert not PrivacyRequest.objects.exists()


def test_visitors_who_are_not_staff_are_sent_to_sign_in(client):
    client.force_login(UserFactory())
    response = client.post(reverse("admin:privacy_person_erase"), {"email": EMAIL, "confirm": EMAIL})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_log_cannot_be_edited_or_deleted(client, officer):
    record = PrivacyRequest.objects.create(kind="export", email=EMAIL, done_by=officer)
    change = reverse("admin:privacy_privacyrequest_change", args=[record.pk])
    assert client.post(change, {"email": "x@example.fi"}).status_code == 403
    delete = reverse("admin:privacy_privacyrequest_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PrivacyRequest.objects.get().email == EMAIL
