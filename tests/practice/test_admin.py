"""The practice profile in the workspace: one page, saved through the action, with its history."""

import io

import pytest
from django.urls import reverse

from practice.models import PracticeProfile, ProfileChange
from practice.selectors import profile

from .pictures import PHP, SVG, jpeg_with_gps, photo

pytestmark = pytest.mark.django_db

CHANGE = "admin:practice_practiceprofile_change"


def form_data(**changes) -> dict:
    """The profile's form as the page sends it, with these changes."""
    practice = profile()
    data = {
        field: getattr(practice, field) or ""
        for field in (
            "name",
            "practitioner_name",
            "email",
            "phone",
            "links",
            "business_id",
            "einvoice_address",
            "einvoice_operator",
            "street_address",
            "postal_code",
            "city",
        )
    }
    for field in ("titles", "intro_short", "intro_long", "portrait_alt"):
        for code in ("fi", "sv", "en"):
            data[f"{field}_{code}"] = getattr(practice, f"{field}_{code}") or ""
    if practice.vat_registered:
        data["vat_registered"] = "on"
    return {**data, **changes}


def file(name: str, data: bytes, content_type: str = "image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_list_leads_to_the_one_profile_and_nothing_can_be_added_or_deleted(admin_client):
    response = admin_client.get(reverse("admin:practice_practiceprofile_changelist"))
    assert response.status_code == 302 and response["Location"] == reverse(CHANGE, args=[1])
    assert admin_client.get(reverse("admin:practice_practiceprofile_add")).status_code == 403
    assert admin_client.get(reverse("admin:practice_practiceprofile_delete", args=[1])).status_code == 403
    page = admin_client.get(reverse(CHANGE, args=[1])).content.decode()
    assert 'name="titles_sv"' in page and 'name="intro_long_en"' in page and 'accept="image/jpeg' in page


def test_saving_the_profile_changes_the_site_and_keeps_the_history(
    admin_client, admin_user, media_root, client
):
    response = admin_client.post(
        reverse(CHANGE, args=[1]),
        form_data(
            name="Työnohjaus Laine",
            practitioner_name="Liisa Laine",
            titles_fi="työnohjaaja (STOry)",
            intro_short_fi="Autan työyhteisöjä löytämään yhteisen suunnan.",
            intro_short_sv="Jag hjälper arbetsgemenskaper att hitta en gemensam riktning.",
            intro_short_en="I help working communities find a shared direction.",
            portrait_alt_fi="Liisa Laine hymyilee",
            business_id="0112038-9",
            portrait=file("liisa.jpg", jpeg_with_gps()),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = PracticeProfile.objects.get()
    assert (practice.name, practice.practitioner_name, practice.business_id) == (
        "Työnohjaus Laine",
        "Liisa Laine",
        "0112038-9",
    )
    assert practice.portrait.name.startswith("practice/portrait/") and len(practice.portrait_variants) == 12
    assert all((media_root / v["name"]).exists() for v in practice.portrait_variants)
    change = ProfileChange.objects.get()
    assert change.by == admin_user
    assert {"name", "practitioner_name", "business_id", "portrait", "intro_short_sv"} <= set(change.changes)
    assert change.changes["name"] == ["Ohjaamo", "Työnohjaus Laine"]
    home = client.get("/sv/").content.decode()
    assert "Työnohjaus Laine" in home and "Jag hjälper arbetsgemenskaper" in home
    assert practice.portrait_variants[0]["name"] in home
    page = admin_client.get(reverse(CHANGE, args=[1])).content.decode()  # the history on the page
    assert f"· {admin_user.get_username()} ·" in page


def test_a_new_portrait_replaces_the_old_files_once_saved(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    admin_client.post(reverse(CHANGE, args=[1]), form_data(portrait=file("a.jpg", jpeg_with_gps())))
    old = [v["name"] for v in PracticeProfile.objects.get().portrait_variants]
    buffer = io.BytesIO()
    photo(900, 900, seed=7).save(buffer, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse(CHANGE, args=[1]), form_data(portrait=file("b.png", buffer.getvalue(), "image/png"))
        )
    new = [v["name"] for v in PracticeProfile.objects.get().portrait_variants]
    assert set(old).isdisjoint(new)
    assert all((media_root / name).exists() for name in new)
    assert not any((media_root / name).exists() for name in old)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("drawing.svg", SVG, "SVG drawings are not accepted"),
        ("portrait.jpg", PHP, "This file is not a picture"),
    ],
)
def test_an_svg_or_a_script_is_refused_with_a_clear_message_and_nothing_changes(
    admin_client, media_root, settings, name, data, message
):
    settings.LANGUAGE_CODE = "en"
    response = admin_client.post(
        reverse(CHANGE, args=[1]),
        form_data(name="Ei tallennu", portrait=file(name, data)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PracticeProfile.objects.get().name != "Ei tallennu"
    assert not ProfileChange.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_wrong_business_id_is_refused_next_to_its_field(admin_client):
    response = admin_client.post(reverse(CHANGE, args=[1]), form_data(business_id="1234567-8"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["business_id"]
    assert PracticeProfile.objects.get().business_id == ""
