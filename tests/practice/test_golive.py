"""The go-live checklist on the workspace's front page: what is still demo or missing, each with a
link to fix it; gone when everything is done."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.models import Location
from practice.actions import profile_save
from tests.factories import PractitionerFactory, StaffFactory

from .pictures import jpeg_with_gps

pytestmark = pytest.mark.django_db
SMTP = {
    "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": "localhost"}}
}


def steps(client) -> dict[str, str]:
    """The checklist's steps on the front page: key → link (empty when the fix is on the server)."""
    html = client.get(reverse("admin:index")).content.decode()
    return {
        key: (link or "") for key, link in re.findall(r'<li id="golive-(\w+)">(?:<a href="([^"]*)")?', html)
    }


def test_a_fresh_site_lists_everything_still_missing_with_where_to_fix_it(admin_client):
    practitioner = PractitionerFactory()
    Location.objects.create(practitioner=practitioner, name_fi="Vastaanotto", directions_fi="Toinen kerros.")
    found = steps(admin_client)
    profile_page = reverse("admin:practice_practiceprofile_change", args=[1])
    assert found == {
        "name": profile_page,
        "portrait": profile_page,
        "business_id": profile_page,
        "controller": profile_page,
        "places": reverse("admin:bookings_practitioner_change", args=[practitioner.pk]),
        "smtp": "",
        "two_factor": reverse("admin:two_factor"),
    }


def test_the_checklist_is_gone_when_everything_is_done(
    admin_client, admin_user, practice_profile, media_root, settings
):
    practitioner = PractitionerFactory()
    texts = {
        f"{field}_{code}": f"{field} {code}"
        for field in ("name", "directions")
        for code in ("fi", "sv", "en")
    }
    Location.objects.create(practitioner=practitioner, **texts)
    for field, value in {
        "name": "Työnohjaus Laine",
        "practitioner_name": "Liisa Laine",
        "business_id": "0112038-9",
        "street_address": "Helsinginkatu 5",
        "postal_code": "00500",
        "city": "Helsinki",
        "portrait": SimpleUploadedFile("liisa.jpg", jpeg_with_gps()),
    }.items():
        setattr(practice_profile, field, value)
    profile_save(profile=practice_profile)
    settings.MAILERS = SMTP
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    assert steps(admin_client) == {}
    assert 'id="golive"' not in admin_client.get(reverse("admin:index")).content.decode()


def test_a_place_missing_its_swedish_text_is_listed_by_name(admin_client, settings):
    settings.MAILERS = SMTP
    practitioner = PractitionerFactory()
    Location.objects.create(
        practitioner=practitioner,
        name_fi="Vastaanotto Kallio",
        entry_fi="Ovikoodi 1234",
        entry_en="Door code 1234",
    )
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Vastaanotto Kallio" in html.split('id="golive-places"')[1].split("</li>")[0]


def test_staff_without_the_profile_see_only_their_own_second_factor(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert steps(client) == {"two_factor": reverse("admin:two_factor")}
