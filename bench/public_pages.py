"""public_page_queries_max: the most database queries any public page takes, in fi, sv and en.

Crawls the site as a visitor does, in-process on the run's database: starting from sitemap.xml,
every URL pattern without arguments in each language, and the personal pages of a booking and a
mediation party, it follows every link to another page of the site (admin, the API, static
files and downloads left out). Each page is fetched twice; the figure is the second visit, when
per-process caches are warm (a first visit may look up a content type once). Data: the demo
content plus BENCH_PAGES_BOOKINGS more bookings, so that a page whose queries grow with the data
shows it.
"""

import html.parser
import io
import os
import re
import sys
import urllib.parse
from collections import Counter

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

MAX_PAGES = int(os.environ.get("BENCH_PAGES_MAX", "600"))
PER_PATH = 12  # query-string variants of one path (days of a month, times of a day) worth a visit
SKIP_PREFIXES = ("/static/", "/api/", "/healthz", f"/{settings.ADMIN_URL}")


def say(line: str) -> None:
    print(f"bench: {line}", file=sys.stderr, flush=True)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def same_site(href: str) -> str | None:
    """The path and query of a link to a page of this site, or None."""
    parts = urllib.parse.urlsplit(urllib.parse.urljoin("/", href))
    site = urllib.parse.urlsplit(settings.SITE_URL)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != site.netloc):
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES) or re.search(r"\.(ics|xml|txt|json|zip|xlsx|csv|svg|png)$", path):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def pattern_urls() -> list[str]:
    """Every named URL pattern without arguments, in each language."""
    names = []

    def walk(resolver, namespaces=()):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in ("admin", "api"):
                    continue
                walk(entry, (*namespaces, entry.namespace) if entry.namespace else namespaces)
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groupindex:
                names.append(":".join((*namespaces, entry.name)))

    walk(get_resolver())
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in names:
                try:
                    urls.append(reverse(name))
                except NoReverseMatch:  # a pattern needing arguments from an enclosing resolver
                    continue
    return urls


def sitemap_urls(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def personal_pages() -> list[str]:
    """The pages behind personal links: a booking's own page, a mediation party's page."""
    import datetime as dt

    from django.utils import timezone

    from bookings import selectors
    from bookings.actions.booking import booking_create
    from bookings.actions.common import Client as BookingClient
    from bookings.models import SessionType

    urls = []
    session_type = SessionType.objects.filter(is_active=True, booking_mode="instant").order_by("pk").first()
    today = timezone.localdate()
    slots = selectors.free_slots(session_type, today + dt.timedelta(days=2), today + dt.timedelta(days=30))
    if slots:
        _booking, token = booking_create(
            session_type=session_type,
            start=slots[-1].start,
            modality=slots[-1].modalities[0],
            client=BookingClient(name="Crawler", email="crawler@example.fi"),
        )
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls.append(reverse("bookings:manage", kwargs={"token": token}))
    try:
        from mediation.actions.links import party_link_issue
        from mediation.models import Party
    except ImportError:
        return urls
    if party := Party.objects.order_by("pk").first():
        token = party_link_issue(party=party)
        with translation.override(party.language):
            urls.append(reverse("mediation:party", kwargs={"token": token}))
    return urls


def more_bookings(count: int) -> None:
    """Fills the demo's bookable calendar further (written directly: the crawl measures reads)."""
    from bench.fill import book_free_times
    from bookings.models import SessionType

    session_type = SessionType.objects.filter(is_active=True, booking_mode="instant").order_by("pk").first()
    book_free_times(session_type, count)


def crawl(client: Client, start: list[str]) -> dict[str, tuple[int, int]]:
    """{url: (status, queries on the second visit)} of every page reached from `start`."""
    queue = list(dict.fromkeys(u for u in (same_site(s) for s in start) if u))
    seen, per_path = set(queue), Counter()
    results = {}
    while queue and len(results) < MAX_PAGES:
        url = queue.pop(0)
        path = url.split("?")[0]
        if "?" in url and per_path[path] >= PER_PATH:
            continue
        per_path[path] += 1
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        results[url] = (response.status_code, len(queries))
        if first.status_code == 200 and "html" in first.get("Content-Type", ""):
            parser = _Links()
            parser.feed(first.content.decode("utf-8", "replace"))
            for href in parser.links:
                link = same_site(urllib.parse.urljoin(url, href))
                if link and link not in seen:
                    seen.add(link)
                    queue.append(link)
    return results


def run(emit) -> None:
    call_command("demo", stdout=io.StringIO())
    more_bookings(int(os.environ.get("BENCH_PAGES_BOOKINGS", "300")))
    client = Client()
    start = ["/", *sitemap_urls(client), *pattern_urls(), *personal_pages()]
    results = crawl(client, start)
    failed = {url: status for url, (status, _q) in results.items() if status >= 500}
    if failed:
        raise RuntimeError(f"pages answered with a server error: {failed}")
    pages = {url: queries for url, (status, queries) in results.items() if status == 200}
    worst = sorted(pages.items(), key=lambda item: -item[1])[:8]
    statuses = Counter(status for status, _queries in results.values())
    say(f"crawled {len(results)} addresses ({dict(statuses)} by status); most queries:")
    for url, queries in worst:
        say(f"  {queries:3d} {url}")
    emit("public_page_queries_max", max(pages.values()), "queries")
