import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_home_page_works_with_javascript_off(page_nojs, live_server):
    page_nojs.goto(live_server.url + "/")
    expect(page_nojs.locator("h1")).to_have_count(1)
    assert page_nojs.locator("html").get_attribute("lang") == "fi"
    page_nojs.get_by_role("link", name="English").click()
    expect(page_nojs.locator("html")).to_have_attribute("lang", "en")
    assert page_nojs.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_home_page_with_javascript_on_has_no_accessibility_violations(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_count(1)
    assert axe_violations(page) == []
    assert page.outside_requests == []
