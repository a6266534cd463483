"""Every user-facing error page (400, 403, 404, 429, 500) in the visitor's language, revealing nothing.

This module is also the urlconf of its tests (`pytest.mark.urls`): the site's own URLs plus two
views that exist only here, one that fails and one that refuses.
"""

import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401  (this urlconf's)
from config.urls import urlpatterns as site_urlpatterns

SECRET_DETAIL = "DETAIL-7f3a SELECT * FROM bookings_booking /work/main/settings.py"


def fails(request):
    raise RuntimeError(SECRET_DETAIL)


def refuses(request):
    raise PermissionDenied(SECRET_DETAIL)


urlpatterns = [
    *i18n_patterns(
        path("test-only/fails/", fails), path("test-only/refuses/", refuses), prefix_default_language=False
    ),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}
HEADINGS = {
    400: "Bad request",
    403: "Not allowed",
    404: "Page not found or link expired",
    429: "Too many requests",
    500: "Something went wrong",
}
# Nothing of the machinery may show: no traceback, no exception text, no settings, no paths.
LEAKS = re.compile(
    r"Traceback|DETAIL-7f3a|RuntimeError|PermissionDenied|SELECT|/work/|site-packages|SECRET_KEY|"
    r"DEBUG|csrf_failure|Reason given|CSRF verification|settings\.py|django\.",
    re.IGNORECASE,
)


def heading_in(language: str, status: int) -> str:
    with translation.override(language):
        return gettext(HEADINGS[status])


def assert_error_page(response, status: int, language: str) -> None:
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    expected = heading_in(language, status)
    if language != "en":
        assert expected != HEADINGS[status], f"no {language} translation of {HEADINGS[status]!r}"
    assert re.search(rf"<h1>\s*{re.escape(expected)}\s*</h1>", html), html[:2000]
    assert not LEAKS.search(html), LEAKS.search(html)
    assert html.count("<h1") == 1


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_address_gives_the_not_found_page_in_its_language(visitor, language):
    response = visitor.get(f"{PREFIX[language]}/no-such-page-{language}/")
    assert_error_page(response, 404, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_failing_view_gives_the_server_error_page_without_details(visitor, language):
    response = visitor.get(f"{PREFIX[language]}/test-only/fails/")
    assert_error_page(response, 500, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_refused_view_gives_the_forbidden_page_without_the_reason(visitor, language):
    response = visitor.get(f"{PREFIX[language]}/test-only/refuses/")
    assert_error_page(response, 403, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_form_sent_without_its_csrf_token_gives_the_forbidden_page_in_the_visitors_language(language):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = browser.post(f"{PREFIX[language]}/test-only/fails/", {"name": "x"})
    assert_error_page(response, 403, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_forged_host_header_gives_the_bad_request_page(visitor, language):
    response = visitor.get(
        f"{PREFIX[language]}/", headers={"host": "evil.example", "accept-language": language}
    )
    assert_error_page(response, 400, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_too_many_requests_gives_the_429_page_with_retry_after(visitor, language, settings):
    from core.ratelimit import too_many_requests

    request = visitor.get(f"{PREFIX[language]}/").wsgi_request
    with translation.override(language):
        response = too_many_requests(request, retry_after=42)
    response.client = visitor
    assert response["Retry-After"] == "42"
    assert_error_page(response, 429, language)


def test_the_error_pages_carry_the_security_headers(visitor):
    for url in ("/no-such-page/", "/test-only/fails/", "/test-only/refuses/"):
        response = visitor.get(url)
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
