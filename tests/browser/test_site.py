"""The public site in Chromium: accessibility of every page in three languages, a request sent
with JavaScript off, the language switcher, keyboard access."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from services.models import ServiceRequest
from services.seo import SITEMAP_PAGES
from tests.browser.conftest import axe_violations

LANGUAGES = ("fi", "sv", "en")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_content"),
    # The live server's request threads leave SQLite connections to the garbage collector; that is
    # the test server's doing, not the site's, and it must not fail a page check.
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]


def path(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_no_accessibility_violations(page, live_server, lang):
    pages = [path(name, lang) for name, _key, _p in SITEMAP_PAGES] + [
        path("services:talks_request_sent", lang)
    ]
    found = {}
    for address in pages:
        page.goto(live_server.url + address)
        assert page.locator("html").get_attribute("lang") == lang
        expect(page.locator("h1"), address).to_have_count(1)
        if violations := axe_violations(page):
            found[address] = violations
    assert found == {}
    assert page.outside_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_error_states_have_no_accessibility_violations(page, live_server, lang, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    page.goto(live_server.url + path("services:supervision_request", lang))
    page.fill("#id_business_id", "1234567-8")
    page.fill("#id_website", "filled by a bot")
    page.get_by_role("button").last.click()
    expect(page.locator("#error-summary")).to_have_count(1)
    expect(page.locator(".hp-field-shown")).to_be_visible()
    assert axe_violations(page) == []
    prefix = "" if lang == "fi" else f"/{lang}"
    page.goto(live_server.url + prefix + "/no-such-page/")
    assert axe_violations(page) == []


def test_a_request_can_be_sent_with_javascript_off(page_nojs, live_server, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    page = page_nojs
    page.goto(live_server.url + path("services:talks", "sv"))
    page.locator(".page-head").get_by_role("link", name="Begär en föreläsning").click()
    expect(page).to_have_url(re.compile(r"/sv/inspirationsforelasningar/forfragan/$"))
    page.fill("#id_organisation_name", "Exempel Ab")
    page.fill("#id_business_id", "0112038-9")
    page.fill("#id_contact_name", "Anna Andersson")
    page.fill("#id_email", "anna@example.fi")
    page.select_option("#id_topic", index=2)
    page.fill("#id_group_size", "40")
    day = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    page.fill("#id_date_1", day)
    page.fill("#id_address", "Esplanaden 1, Helsingfors")
    page.check("#id_invoicing_1")
    page.fill("#id_postal_address", "PB 1, 00100 Helsingfors")
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.wait_for_url(re.compile(r"/sv/inspirationsforelasningar/forfragan/skickad/$"))
    expect(page.locator("body")).to_contain_text("Tack, er förfrågan har skickats")
    request = ServiceRequest.objects.get()
    assert (request.language, request.kind, request.preferred_dates) == ("sv", "talks", [day])
    assert page.outside_requests == []


def test_a_wrong_business_id_is_shown_at_the_field_and_what_was_typed_stays(page_nojs, live_server, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    page = page_nojs
    page.goto(live_server.url + path("services:mediation_request", "fi"))
    page.fill("#id_organisation_name", "Esimerkki Oy")
    page.fill("#id_business_id", "1234567-8")
    page.get_by_role("button", name="Lähetä pyyntö").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Y-tunnus")
    expect(page.locator("#div_id_business_id")).to_contain_text("tarkistusnumero ei täsmää")
    assert page.input_value("#id_organisation_name") == "Esimerkki Oy"
    assert page.input_value("#id_business_id") == "1234567-8"
    summary.get_by_role("link", name=re.compile("Y-tunnus")).click()
    expect(page).to_have_url(re.compile(r"#id_business_id$"))
    assert not ServiceRequest.objects.exists()


def test_the_language_switcher_keeps_you_on_the_same_page(page_nojs, live_server):
    page = page_nojs
    page.goto(live_server.url + "/tyoyhteisosovittelu/")
    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="Svenska").click()
    expect(page).to_have_url(live_server.url + "/sv/arbetsplatsmedling/")
    expect(page.locator("h1")).to_have_text("Arbetsplatsmedling")
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/en/workplace-mediation/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Suomi").click()
    expect(page).to_have_url(live_server.url + "/tyoyhteisosovittelu/")


def test_the_skip_link_is_the_first_stop_for_the_keyboard_and_is_visible(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_the_timeline_reads_in_order_on_a_wide_screen(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/tyoyhteisosovittelu/")
    names = page.locator(".timeline .stage-name").all_inner_texts()
    assert names == [
        "Valmistelu",
        "Aloitusistunto",
        "Ongelman määrittely",
        "Keskustelu ja vuorovaikutus",
        "Ratkaisujen etsiminen",
        "Seuranta",
    ]
    tops = [box["y"] for box in (el.bounding_box() for el in page.locator(".timeline-stage").all())]
    assert tops[0] == tops[1] == tops[2] < tops[3] == tops[4] == tops[5]


def test_a_price_line_linked_to_a_session_type_books_it_and_has_no_accessibility_violations(
    page, live_server
):
    from decimal import Decimal

    from services.models import Price
    from tests.factories import bookable

    _practitioner, session_type = bookable(slug="yksilo", price=Decimal("135.00"), modalities="online")
    Price.objects.filter(page__key="supervision", name_fi="Yksilötyönohjaus").update(
        session_type=session_type, amount=None
    )
    page.goto(live_server.url + path("services:supervision", "fi"))
    row = page.locator(".prices tr", has_text="Yksilötyönohjaus")
    expect(row).to_contain_text("135,00")
    assert axe_violations(page) == []
    row.get_by_role("link", name=re.compile(r"^Varaa aika\s*:\s*Yksilötyönohjaus$")).click()
    expect(page.locator("h1")).to_have_text("Valitse päivä")  # one way of meeting: straight to the days
    assert page.outside_requests == []
