import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from events.actions.event import event_cancel
from services.seo import SITEMAP_PAGES, SITEMAPS
from tests.events.factories import EventFactory

from .conftest import LANGUAGES, url

BOOKING_PAGES = ["bookings:start", "events:events", "series:series_plan"]


def sitemap_xml(**headers) -> str:
    """sitemap.xml as the site assembles it (services.seo.SITEMAPS)."""
    response = sitemap(RequestFactory().get("/sitemap.xml", **headers), SITEMAPS)
    response.render()
    assert response.status_code == 200
    return response.content.decode()


def locations(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


@pytest.mark.django_db
def test_the_sitemap_lists_every_page_in_three_languages_with_alternates(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        xml = sitemap_xml()
    expected = [settings.SITE_URL + url(name, lang) for name, _key, _p in SITEMAP_PAGES for lang in LANGUAGES]
    expected += [settings.SITE_URL + url(name, lang) for name in BOOKING_PAGES for lang in LANGUAGES]
    assert sorted(locations(xml)) == sorted(expected)
    assert len(SITEMAP_PAGES) == 13
    for lang in LANGUAGES:
        assert f'hreflang="{lang}" href="{settings.SITE_URL}{url("services:mediation", lang)}"' in xml
    assert f'hreflang="x-default" href="{settings.SITE_URL}/tyoyhteisosovittelu/"' in xml
    assert "<lastmod>" in xml


@pytest.mark.django_db
def test_the_sitemap_uses_the_canonical_address_whatever_the_host(client):
    EventFactory(days=5)
    for xml in (client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode(), sitemap_xml()):
        assert all(loc.startswith(settings.SITE_URL + "/") for loc in locations(xml))
        assert all(href.startswith(settings.SITE_URL + "/") for href in re.findall(r'href="([^"]+)"', xml))


def test_robots_txt_allows_the_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert "Disallow: /\n" not in text
    assert settings.ADMIN_URL not in text  # the admin address is not advertised


@pytest.mark.django_db
def test_the_sitemap_lists_the_public_booking_pages_and_each_upcoming_event_in_three_languages(
    django_assert_max_num_queries,
):
    soon, later, started, cancelled = (EventFactory(days=days) for days in (3, 40, 1, 6))
    event_cancel(event=cancelled)
    with (
        time_machine.travel(started.start + dt.timedelta(minutes=5), tick=False),
        django_assert_max_num_queries(3),
    ):
        xml = sitemap_xml()
    found = set(locations(xml))
    for lang in LANGUAGES:
        for name in BOOKING_PAGES:
            assert settings.SITE_URL + url(name, lang) in found
        for event in (soon, later):
            assert settings.SITE_URL + url("events:event", lang, slug=event.slug) in found
        for event in (started, cancelled):
            assert settings.SITE_URL + url("events:event", lang, slug=event.slug) not in found
    # The same alternates as the services pages: every language and x-default (Finnish).
    for name, kwargs in (("bookings:start", {}), ("events:event", {"slug": soon.slug})):
        for lang in LANGUAGES:
            assert f'hreflang="{lang}" href="{settings.SITE_URL}{url(name, lang, **kwargs)}"' in xml
        assert f'hreflang="x-default" href="{settings.SITE_URL}{url(name, "fi", **kwargs)}"' in xml


@pytest.mark.django_db
def test_no_page_behind_a_personal_link_is_in_the_sitemap():
    EventFactory(days=3)
    views = []
    for loc in locations(sitemap_xml()):
        path = urlsplit(loc).path
        with translation.override(path[1:3] if path[1:4] in ("sv/", "en/") else "fi"):
            views.append(resolve(path))
    assert views and all("token" not in match.kwargs for match in views)
    assert {
        f"{match.namespace}:{match.url_name}"
        for match in views
        if match.namespace in ("bookings", "events", "series")
    } == {"bookings:start", "events:events", "series:series_plan", "events:event"}


@pytest.mark.django_db
def test_the_served_sitemap_lists_only_pages_that_let_search_engines_index_them(client):
    event = EventFactory(days=3)
    xml = client.get("/sitemap.xml").content.decode()
    found = locations(xml)
    assert settings.SITE_URL + url("events:event", "sv", slug=event.slug) in found
    for loc in found:
        response = client.get(urlsplit(loc).path)
        assert response.status_code == 200, loc
        assert 'name="robots" content="noindex"' not in response.content.decode(), loc
