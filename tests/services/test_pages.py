import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from services.models import Page, PageItem, Price

from .conftest import LANGUAGES, every_page, url

PAGES = every_page()


def jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "lang", "path"), PAGES, ids=[f"{n}-{lang}" for n, lang, _p in PAGES])
def test_every_page_answers_in_its_language_with_one_h1_and_its_seo_data(client, name, lang, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert f'<link rel="canonical" href="{settings.SITE_URL}{path}">' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}" href="{settings.SITE_URL}{url(name, code)}"' in html
    assert f'hreflang="x-default" href="{settings.SITE_URL}{url(name, "fi")}"' in html
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert 'property="og:title"' in html and 'property="og:url"' in html
    if name.endswith("_request"):
        return
    data = jsonld(html)
    assert len(data) == 1
    graph = data[0].get("@graph", [data[0]])
    types = {node["@type"] for node in graph}
    assert "ProfessionalService" in types
    if name in {f"services:{k}" for k in ("supervision", "mediation", "talks", "sound_relaxation")}:
        service = next(node for node in graph if node["@type"] == "Service")
        assert service["provider"]["@id"].endswith("/#practice")
        assert service["url"] == settings.SITE_URL + path


def test_urls_are_localized_and_finnish_has_no_prefix():
    assert url("services:mediation", "fi") == "/tyoyhteisosovittelu/"
    assert url("services:mediation", "sv") == "/sv/arbetsplatsmedling/"
    assert url("services:mediation", "en") == "/en/workplace-mediation/"
    assert url("services:supervision", "fi") == "/tyonohjaus/"
    assert url("services:privacy", "fi") == "/tietosuojaseloste/"
    assert url("services:accessibility", "sv") == "/sv/tillganglighetsutlatande/"
    assert url("services:talks_request", "fi") == "/inspiraatioluennot/pyynto/"
    assert "sovittelu" in url("services:mediation", "fi")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_links_to_the_same_page_in_each_language(client, lang):
    html = client.get(url("services:sound_relaxation", lang)).content.decode()
    switch = html[html.index('class="lang-switch"') :]
    switch = switch[: switch.index("</nav>")]
    for code in LANGUAGES:
        assert f'href="{url("services:sound_relaxation", code)}" hreflang="{code}"' in switch


STAGES = {
    "fi": [
        "Valmistelu",
        "Aloitusistunto",
        "Ongelman määrittely",
        "Keskustelu ja vuorovaikutus",
        "Ratkaisujen etsiminen",
        "Seuranta",
    ],
    "sv": [
        "Förberedelse",
        "Inledande möte",
        "Problemdefinition",
        "Diskussion och växelverkan",
        "Sökande efter lösningar",
        "Uppföljning",
    ],
    "en": [
        "Preparation",
        "Opening session",
        "Defining the problem",
        "Discussion and interaction",
        "Finding solutions",
        "Follow-up",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_mediation_page_shows_the_six_stages_in_order_as_a_list(client, lang):
    html = client.get(url("services:mediation", lang)).content.decode()
    timeline = html[html.index('<ol class="timeline">') :]
    timeline = timeline[: timeline.index("</ol>\n")]
    names = re.findall(
        r'<span class="stage-number">(\d)</span> <span class="stage-name">([^<]+)</span>', timeline
    )
    assert names == [(str(n), name) for n, name in enumerate(STAGES[lang], start=1)]


@pytest.mark.django_db
def test_each_talk_topic_has_its_own_description(client):
    html = client.get(url("services:talks", "fi")).content.decode()
    topics = PageItem.objects.filter(page__key="talks", group="topic")
    assert topics.count() == 4
    for topic in topics:
        assert topic.title_fi in html
        assert topic.text_fi and topic.text_fi[:60] in html


@pytest.mark.django_db
def test_supervision_lists_who_it_is_for_and_prices_with_vat(client):
    html = client.get(url("services:supervision", "fi")).content.decode()
    for group in (
        "Sosiaalityöntekijät",
        "Terapeutit ja psykologit",
        "Opettajat",
        "Lääkärit ja hoitohenkilökunta",
    ):
        assert group in html
    assert "120,00\u00a0€" in html and "sis. alv 25,5 %" in html
    english = client.get(url("services:supervision", "en")).content.decode()
    assert "€120.00" in english and "incl. VAT 25.5 %" in english


@pytest.mark.django_db
def test_a_business_not_registered_for_vat_shows_the_legal_note(client, practice_profile):
    practice_profile.vat_registered = False
    practice_profile.save()
    html = client.get(url("services:talks", "fi")).content.decode()
    assert "AVL 3 §" in html and "sis. alv" not in html


@pytest.mark.django_db
def test_supervision_links_to_the_booking_flow_when_it_exists(client):
    from django.urls import NoReverseMatch

    html = client.get(url("services:supervision", "fi")).content.decode()
    try:
        booking = reverse("bookings:start")
    except NoReverseMatch:
        booking = None
    if booking:
        assert f'href="{booking}"' in html
    assert f'href="{url("services:supervision_request", "fi")}"' in html


@pytest.mark.django_db
def test_the_home_page_presents_all_four_services_with_a_next_step(client, practice_profile):
    html = client.get("/en/").content.decode()
    for key in ("supervision", "mediation", "talks", "sound_relaxation"):
        assert f'href="{url(f"services:{key}", "en")}"' in html
    for key in ("mediation", "talks", "sound_relaxation"):
        assert f'href="{url(f"services:{key}_request", "en")}"' in html
    assert practice_profile.email in html and "Who I am" in html


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_finnish(client):
    Page.objects.filter(key="contact").update(lead_sv="", lead_en=None)
    finnish = Page.objects.get(key="contact").lead_fi
    assert finnish in client.get(url("services:contact", "sv")).content.decode()
    assert finnish in client.get(url("services:contact", "en")).content.decode()


@pytest.mark.django_db
def test_edited_content_shows_on_the_site_and_in_the_sitemap_date(client):
    page = Page.objects.get(key="talks")
    with translation.override("sv"):
        page.title = "Föreläsningar som väcker"
    page.save()
    assert "Föreläsningar som väcker" in client.get(url("services:talks", "sv")).content.decode()


def _grow_content():
    """Lots of content: many list entries and prices on every page."""
    for page in Page.objects.all():
        for group in PageItem.Group.values:
            PageItem.objects.bulk_create(
                PageItem(page=page, group=group, position=n, title_fi=f"Kohta {n}", text_fi="Teksti")
                for n in range(25)
            )
        Price.objects.bulk_create(
            Price(page=page, position=n, name_fi=f"Hinta {n}", amount=n) for n in range(25)
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "lang", "path"), [p for p in PAGES if p[1] == "fi"], ids=[p[0] for p in PAGES if p[1] == "fi"]
)
def test_every_page_needs_at_most_8_queries_whatever_the_content(
    client, django_assert_max_num_queries, name, lang, path
):
    with django_assert_max_num_queries(8):
        assert client.get(path).status_code == 200
    _grow_content()
    with django_assert_max_num_queries(8):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_page_is_a_404_in_the_visitors_language(client, lang):
    prefix = "" if lang == "fi" else f"/{lang}"
    response = client.get(f"{prefix}/ei-ole/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}[lang] in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.django_db
def test_the_500_page_renders_without_the_database(client, django_assert_num_queries):
    from django.test import RequestFactory

    from core.views import server_error

    request = RequestFactory().get("/")
    with translation.override("sv"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


@pytest.mark.django_db
def test_pages_use_only_our_own_assets_and_no_inline_styles_or_scripts(client):
    html = client.get("/").content.decode()
    assert "style=" not in html
    assert re.findall(r"<script(?![^>]*application/ld\+json)", html) == []
    assets = re.findall(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    external = [
        a for a in assets if a.startswith(("http:", "https:", "//")) and not a.startswith(settings.SITE_URL)
    ]
    assert assets and external == []


@pytest.mark.django_db
def test_the_json_ld_nonce_is_allowed_by_the_content_security_policy(client):
    response = client.get(url("services:mediation", "fi"))
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', response.content.decode())[1]
    csp = response.headers["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_the_home_page_with_all_its_assets_weighs_under_80_kb_compressed(client):
    import gzip

    from django.contrib.staticfiles import finders

    html = client.get("/").content
    assets = re.findall(rb'<(?:link|script|img)[^>]+(?:href|src)="(/static/[^"]+)"', html)
    assert assets, "the page links its stylesheet and images"
    total = len(gzip.compress(html))
    for asset in set(assets):
        with open(finders.find(asset.decode().removeprefix("/static/")), "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < 80 * 1024, total
