import pytest
from django.conf import settings
from django.urls import reverse

from services import richtext
from services.actions import request_purge_expired, request_set_status
from services.admin import missing_translations
from services.models import Page, PageItem, Price, ServiceRequest
from tests.factories import StaffFactory

TRANSLATED = {Page: ("title", "meta_description", "lead", "body"), PageItem: ("title",), Price: ("name",)}


@pytest.mark.django_db
def test_a_fresh_install_has_every_page_fully_written_in_three_languages():
    assert set(Page.objects.values_list("key", flat=True)) == set(Page.Key.values)
    for model, fields in TRANSLATED.items():
        for row in model.objects.all():
            for field in fields:
                for lang in ("fi", "sv", "en"):
                    assert getattr(row, f"{field}_{lang}"), f"{model.__name__} {row.pk} {field}_{lang}"
            assert missing_translations(row) == {}


@pytest.mark.django_db
def test_the_privacy_policy_tells_what_the_code_keeps_and_for_how_long():
    body = Page.objects.get(key="privacy").body_fi
    for words in (
        "12 kuukauden kuluttua sovittelun päättymisestä",
        "30 päivän kuluttua tilaisuudesta",
        "24 kuukautta pyynnön vastaanottamisesta",
        "Viestiloki",
        "csrftoken",
        "sessionid",
        "tietosuojavaltuutetun",
        "oikeutettu etu".capitalize(),
    ):
        assert words in body, words


@pytest.mark.django_db
def test_the_accessibility_statement_names_the_enforcement_authority():
    for lang, words in {
        "fi": ("Lupa- ja valvontavirasto", "saavutettavuusvaatimukset.fi"),
        "sv": ("Tillstånds- och tillsynsverket", "saavutettavuusvaatimukset.fi"),
        "en": ("Finnish Supervisory Agency", "saavutettavuusvaatimukset.fi"),
    }.items():
        body = getattr(Page.objects.get(key="accessibility"), f"body_{lang}")
        assert all(word in body for word in words)


def test_formatted_text_escapes_html_and_allows_only_safe_links():
    html = richtext.render(
        "## Otsikko\n\n<script>alert(1)</script> **tärkeä**\n\n- yksi\n- kaksi\n\n"
        "[ok](/tietosuojaseloste/) [bad](javascript:alert(1))\n\n> lainaus"
    )
    assert '<h2 id="otsikko">Otsikko</h2>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>tärkeä</strong>" in html
    assert "<ul><li>yksi</li><li>kaksi</li></ul>" in html
    assert '<a href="/tietosuojaseloste/">ok</a>' in html
    assert 'href="javascript' not in html
    assert "<blockquote><p>lainaus</p></blockquote>" in html


@pytest.mark.django_db
def test_admin_lists_pages_with_their_missing_translations_and_edits_them(client, settings):
    settings.AXES_ENABLED = False  # sign-in lockout is tested with the workspace; here we only sign in
    page = Page.objects.get(key="talks")
    page.lead_sv = ""
    page.save()
    PageItem.objects.filter(page=page, group="topic").update(text_en="")
    client.force_login(StaffFactory(is_superuser=True))
    listing = client.get(reverse("admin:services_page_changelist")).content.decode()
    assert "Svenska" in listing or "Swedish" in listing or "ruotsi" in listing
    assert "list entries (4)" in listing or "listojen kohdat (4)" in listing
    filtered = client.get(reverse("admin:services_page_changelist") + "?missing=sv").content.decode()
    assert str(page.title_fi) in filtered
    change = client.get(reverse("admin:services_page_change", args=[page.pk]))
    assert change.status_code == 200
    assert 'name="title_sv"' in change.content.decode() and 'name="body_en"' in change.content.decode()


@pytest.mark.django_db
def test_admin_shows_requests_and_changes_their_status(client, settings):
    settings.AXES_ENABLED = False
    request = ServiceRequest.objects.create(
        kind="talks",
        organisation_name="Esimerkki Oy",
        business_id="0112038-9",
        contact_name="Maija",
        email="maija@example.fi",
        preferred_dates=["2027-03-01"],
        submission_key="k1",
    )
    client.force_login(StaffFactory(is_superuser=True))
    listing = client.get(reverse("admin:services_servicerequest_changelist"))
    assert "Esimerkki Oy" in listing.content.decode()
    assert client.get(reverse("admin:services_servicerequest_change", args=[request.pk])).status_code == 200
    assert request_set_status(requests=[request], status="in_progress") == 1
    request.refresh_from_db()
    assert request.status == "in_progress"


@pytest.mark.django_db
def test_requests_are_purged_24_months_after_they_arrive():
    import datetime as dt

    from django.utils import timezone

    old = ServiceRequest.objects.create(
        kind="talks",
        organisation_name="A",
        business_id="0112038-9",
        contact_name="A",
        email="a@example.fi",
        submission_key="old",
    )
    ServiceRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=731))
    ServiceRequest.objects.create(
        kind="talks",
        organisation_name="B",
        business_id="0112038-9",
        contact_name="B",
        email="b@example.fi",
        submission_key="new",
    )
    assert request_purge_expired(now=timezone.now()) == 1
    assert list(ServiceRequest.objects.values_list("submission_key", flat=True)) == ["new"]


def test_requests_are_registered_as_personal_data():
    from privacy.registry import entries

    entry = next(e for e in entries() if e.name == "service_requests")
    assert entry.purge_due is not None and "24 months" in entry.retention
    assert settings.PRACTICE_EMAIL
