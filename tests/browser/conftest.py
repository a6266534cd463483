"""Browser tests: Debian's Chromium driven by Playwright, against the live test server.

Never a downloaded browser: executable_path is /usr/bin/chromium, with the flags this
environment needs (no sandbox as root, no background networking: nothing leaves the machine).
"""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail
from tests.services_available import CHROMIUM, chromium_missing

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text()
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


def _show_page_on_failure(request, page):
    """A failed browser test prints the page it ended on: CI's log then shows what the browser saw."""
    if getattr(request.node, "call_failed", False) and not page.is_closed():
        try:
            text = page.locator("body").inner_text(timeout=2000)
        except Exception as exc:  # the diagnostics must never hide the real failure
            text = f"(the page's text could not be read: {exc})"
        print(f"\n--- the page at failure: {page.url}\n{text[:3000]}")


@pytest.fixture(scope="session")
def chromium():
    if reason := chromium_missing():
        skip_or_fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _page(chromium, *, javascript: bool, width: int = 390, height: int = 844):
    context = chromium.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "about:"))
            else None
        ),
    )
    page.outside_requests = outside
    return context, page


@pytest.fixture
def page(request, chromium, live_server):
    """A phone-sized page with JavaScript on."""
    context, page = _page(chromium, javascript=True)
    yield page
    _show_page_on_failure(request, page)
    context.close()


@pytest.fixture
def page_nojs(request, chromium, live_server):
    """A phone-sized page with JavaScript off: every flow must work here too."""
    context, page = _page(chromium, javascript=False)
    yield page
    _show_page_on_failure(request, page)
    context.close()


def axe_violations(page) -> list[dict]:
    """Runs axe-core (WCAG 2.1 A/AA rules) in the page; needs a JavaScript-enabled page."""
    # Evaluated through the DevTools protocol, so the site's CSP (no inline scripts) stays on.
    page.evaluate(AXE + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists: then its request threads
    share the in-memory SQLite connection instead of each opening one that is never closed (closing
    an in-memory connection is ignored), which surfaced as ResourceWarnings (errors) in later tests."""
    return live_server


@pytest.fixture
def site_content():
    """The content of the data migration, which a transactional test's flush removes: loaded again."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from services.models import Page

    if not Page.objects.exists():
        migration = "0002_initial_content"
        state = MigrationExecutor(connection).loader.project_state(("services", migration))
        import_module(f"services.migrations.{migration}").load(state.apps, None)
