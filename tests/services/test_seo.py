import re

import pytest
from django.conf import settings

from services.seo import SITEMAP_PAGES

from .conftest import LANGUAGES, url


@pytest.mark.django_db
def test_the_sitemap_lists_every_page_in_three_languages_with_alternates(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    expected = [settings.SITE_URL + url(name, lang) for name, _key, _p in SITEMAP_PAGES for lang in LANGUAGES]
    assert sorted(locations) == sorted(expected)
    assert len(SITEMAP_PAGES) == 12
    for lang in LANGUAGES:
        assert f'hreflang="{lang}" href="{settings.SITE_URL}{url("services:mediation", lang)}"' in xml
    assert f'hreflang="x-default" href="{settings.SITE_URL}/tyoyhteisosovittelu/"' in xml
    assert "<lastmod>" in xml


@pytest.mark.django_db
def test_the_sitemap_uses_the_canonical_address_whatever_the_host(client):
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert all(loc.startswith(settings.SITE_URL + "/") for loc in re.findall(r"<loc>([^<]+)</loc>", xml))


def test_robots_txt_allows_the_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert "Disallow: /\n" not in text
    assert settings.ADMIN_URL not in text  # the admin address is not advertised
