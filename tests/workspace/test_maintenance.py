"""The Ylläpito (maintenance) section: accounts and second factors in Finnish, at the end of admin's
index; a second factor is seen and removed there, never made or edited; django-axes' lists are out."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_index_ends_with_one_maintenance_section_in_finnish(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert html.rindex("Ylläpito") > html.index("Varaukset")
    for name in ("Käyttäjät", "Ryhmät", "Todennussovellukset", "Varakoodit"):
        assert name in html
    assert not admin.site.is_registered(AccessAttempt)


def test_a_backup_code_set_is_removed_without_showing_its_codes(admin_client):
    owner = StaffFactory(username="kalle")
    device = StaticDevice.objects.create(user=owner, name="backup")
    StaticToken.objects.create(device=device, token="k7p2m9x4")
    assert admin_client.get(reverse("admin:otp_static_staticdevice_add")).status_code == 403
    page = admin_client.get(
        reverse("admin:otp_static_staticdevice_delete", args=[device.pk])
    ).content.decode()
    assert "k7p2m9x4" not in page and "StaticToken" not in page and "static token" not in page
    admin_client.post(reverse("admin:otp_static_staticdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not StaticDevice.objects.filter(pk=device.pk).exists()


def test_only_a_superuser_sees_the_second_factors(client):
    user = StaffFactory()
    TOTPDevice.objects.create(user=user, name="puhelin")
    client.force_login(user)
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
