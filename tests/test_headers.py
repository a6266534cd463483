"""Security headers on every kind of page: public pages, a form's answer, the JSON API, admin
sign-in, error pages, static files and the pages behind personal links; and no inline code the CSP
would block.

Production's HTTPS settings (HSTS) are switched on here as production.py has them; the deploy
check itself runs in tests/test_production.py.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mediation.actions.links import party_link_issue
from tests.factories import BookingFactory
from tests.mediation.factories import PartyFactory

pytestmark = pytest.mark.django_db

PRODUCTION_HTTPS = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.fixture
def browser(settings):
    for name, value in PRODUCTION_HTTPS.items():
        setattr(settings, name, value)
    settings.RATELIMIT_ENABLED = False
    return Client(headers={"x-forwarded-proto": "https"}, raise_request_exception=False)


@pytest.fixture
def personal_pages():
    """The addresses behind personal links: a client's own booking page, a mediation party's page."""
    token = BookingFactory(client_name="Asiakas", email="asiakas@example.fi", online=True).token
    party_token = party_link_issue(party=PartyFactory())
    with translation.override("fi"):
        return [
            reverse("bookings:manage", kwargs={"token": token}),
            reverse("mediation:party", kwargs={"token": party_token}),
        ]


def assert_secure_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "*" not in csp.replace("'", " ").split()
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle=|<style(?![^>]*\bnonce=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)


def assert_nothing_inline(response) -> None:
    """Nothing the CSP would block: no inline script without the nonce, no style attributes."""
    html = response.content.decode()
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        assert not pattern.search(html), pattern.search(html).group(0)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    for tag in re.findall(r"<script[^>]*\bnonce=\"([^\"]*)\"", html):
        assert nonce and tag == nonce.group(1)


@pytest.mark.parametrize("url", ["/", "/sv/", "/en/", "/tyonohjaus/", "/en/contact/", "/varaa/"])
def test_public_pages(browser, url):
    response = browser.get(url)
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_nothing_inline(response)


def test_a_form_answer_with_errors_and_after_success(browser, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    with translation.override("fi"):
        url = reverse("services:talks_request")
    page = browser.get(url)
    assert_secure_headers(page)
    assert_nothing_inline(page)
    errors = browser.post(url, {"email": "not an address"})
    assert errors.status_code == 200 and b"error-summary" in errors.content
    assert_secure_headers(errors)
    assert_nothing_inline(errors)


def test_a_form_redirect_carries_them_too(browser):
    with translation.override("fi"):
        url = reverse("bookings:details")
    response = browser.post(url, {})
    assert response.status_code in (302, 404)
    assert_secure_headers(response)


@pytest.mark.parametrize("url", ["/api/v1/session-types/", "/api/v1/openapi.json", "/api/v1/availability/"])
def test_the_json_api(browser, url):
    response = browser.get(url)
    assert response["Content-Type"] == "application/json"
    assert_secure_headers(response)


def test_admin_sign_in(browser):
    response = browser.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_nothing_inline(response)


@pytest.mark.parametrize("url", ["/no-such-page/", "/sv/ingen-sida/", "/api/v1/nothing/"])
def test_error_pages(browser, url):
    response = browser.get(url)
    assert response.status_code == 404
    assert_secure_headers(response)
    assert_nothing_inline(response)


def test_personal_link_pages_are_never_cached_or_leaked(browser, personal_pages):
    for url in personal_pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert_secure_headers(response)
        assert_nothing_inline(response)
        # The token is in the address: no shared cache keeps the page, no other site sees it.
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"], url
        assert response["Referrer-Policy"] == "same-origin"
        assert '<meta name="robots" content="noindex' in response.content.decode(), url


def test_a_tampered_personal_link_is_a_plain_404(browser, personal_pages):
    for url in personal_pages:
        tampered = re.sub(r"/([A-Za-z0-9_-]{40,})/", lambda m: "/" + m.group(1)[:-2] + "xx/", url)
        response = browser.get(tampered)
        assert response.status_code == 404, tampered
        assert_secure_headers(response)


def test_static_files_served_by_whitenoise(browser):
    response = browser.get("/static/css/booking.css")
    assert response.status_code == 200
    assert response.getvalue()  # read to the end, which closes the file
    assert_secure_headers(response)
    assert response["X-Request-ID"]
