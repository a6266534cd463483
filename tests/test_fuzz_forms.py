"""Fuzzing every public form: random and hostile values, wrong types, missing and unknown fields.

The forms are found, not listed: the test crawls the site in fi, sv and en from the home pages and
from the pages behind every kind of personal link (a token made for the first object of each
kind in the demo content), and fuzzes each distinct form it meets. A new form is covered without
touching this test. For every submission:
- no answer is a server error;
- a payload that comes back in the page (an error message, the review page) comes back escaped;
- every row the submission stored passes its model's validation (full_clean), so nothing was
  stored that skipped it.
FUZZ_EXAMPLES (default 12) submissions per form.
"""

import collections
import html.parser
import io
import os
import re
import urllib.parse

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.kinds import EventLink
from mediation.kinds import MediationLink
from privacy.links import link_create
from series.kinds import SeriesLink

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
OUR_APPS = ("services", "bookings", "events", "series", "mediation", "notifications", "privacy")
MAX_PAGES = 400

XSS = ['<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
HOSTILE = st.one_of(
    st.text(max_size=200),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So"]), max_size=40
    ),
    st.sampled_from(
        [
            *XSS,
            "\x00",
            "nul\x00byte",
            "x" * 20_000,
            "'; DROP TABLE bookings_booking; --",
            "' OR 1=1 --",
            "\u202e\ufeff\u200b",
            "🙂" * 30,
            "-1",
            "0",
            "1e309",
            "99999999999999999999999999999",
            "NaN",
            "9999-12-31",
            "0001-01-01",
            "2027-02-30",
            "31.12.9999",
            "true",
            "[]",
            "",
            " ",
        ]
    ),
)


def plausible(field: dict) -> st.SearchStrategy[str]:
    """What a person filling the form in would send for this field."""
    name, kind = field["name"].lower(), field["type"]
    if kind == "hidden":
        return st.just(field["value"])
    if name.endswith("website"):  # the honeypot: people leave it empty
        return st.just("")
    if field["options"]:
        return st.sampled_from([o for o in field["options"] if o] or field["options"])
    if kind == "checkbox":
        return st.just(field["value"] or "on")
    if kind == "email" or "email" in name:
        return st.sampled_from(["maija@example.fi", "MAIJA.M@Example.FI"])
    if kind == "tel" or "phone" in name:
        return st.sampled_from(["040 123 4567", "+358 40 123 4567"])
    if "business_id" in name:
        return st.just("0112038-9")
    if "einvoice_address" in name:
        return st.just("003712345678")
    if "einvoice_operator" in name:
        return st.just("E204503")
    if kind == "date" or "date" in name:
        return st.integers(7, 60).map(
            lambda days: (timezone.localdate() + timezone.timedelta(days=days)).isoformat()
        )
    if kind == "number" or any(word in name for word in ("seats", "size", "number", "rating")):
        return st.integers(1, 3).map(str)
    return st.sampled_from(["Maija Meikäläinen", "Esimerkki Oy", "Hei! Terveisin Maija.", "Helsinki"])


def submissions(fields: list[dict]) -> st.SearchStrategy[dict]:
    """A whole form as a person sends it; the same with one field hostile or left out; or chaos
    (each field valid, hostile or missing). The first two reach the database, so that what gets
    stored is checked too."""
    csrf = [f for f in fields if f["name"] == "csrfmiddlewaretoken"]
    others = [f for f in fields if f not in csrf]
    valid = st.fixed_dictionaries({f["name"]: plausible(f) for f in fields})

    @st.composite
    def one_off(draw) -> dict:
        values = draw(valid)
        if others:
            field = draw(st.sampled_from(others))
            values[field["name"]] = draw(st.one_of(HOSTILE, st.none()))
        return values

    chaos = st.fixed_dictionaries(
        {
            f["name"]: plausible(f) if f in csrf else st.one_of(plausible(f), HOSTILE, st.none())
            for f in fields
        }
    )
    return st.one_of(valid, one_off(), chaos)


class Forms(html.parser.HTMLParser):
    """The POST forms of a page: action and fields (name, type, value, options)."""

    def __init__(self, url: str):
        super().__init__()
        self.url, self.forms, self.links = url, [], []
        self._form = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urllib.parse.urljoin(self.url, attrs["href"]))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {
                "action": urllib.parse.urljoin(self.url, attrs.get("action") or self.url),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = (attrs.get("type") or ("text" if tag == "input" else tag)).lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            field = self._form["fields"].setdefault(
                attrs["name"],
                {"name": attrs["name"], "type": kind, "value": attrs.get("value") or "", "options": []},
            )
            if kind in ("radio", "checkbox") and attrs.get("value"):
                field["options"].append(attrs["value"])
            if tag == "select":
                self._select = field
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def on_site(url: str) -> str | None:
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "testserver") or parts.path.startswith(("/static/", "/api/", "/admin/")):
        return None
    if parts.path.endswith((".ics", ".xml", ".txt", ".json")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def personal_pages() -> list[str]:
    """Every URL pattern taking a token, with a live token of each kind of personal link."""

    now = timezone.now()
    kinds = [
        ("booking", "bookings.Booking", {"start__gt": now, "status": "confirmed"}, "-start"),
        (
            "checkin",
            "bookings.Booking",
            {"start__lt": now, "status": "completed", "feedback__isnull": True},
            "pk",
        ),
        (EventLink.SEATS, "events.SeatBooking", {"status": "confirmed"}, "pk"),
        (EventLink.WAITLIST, "events.WaitlistEntry", {}, "pk"),
        (EventLink.OFFER, "events.WaitlistEntry", {}, "pk"),
        (SeriesLink.SERIES, "series.Series", {}, "pk"),
        (SeriesLink.AGREEMENT, "series.SupervisionAgreement", {"status": "proposed"}, "pk"),
        (MediationLink.PARTY, "mediation.Party", {"consent_at__isnull": True}, "pk"),
        (MediationLink.PARTY, "mediation.Party", {"consent_at__isnull": False}, "pk"),
        (MediationLink.CONTACT, "mediation.MediationCase", {}, "pk"),
    ]
    tokens = []
    for purpose, label, where, order in kinds:
        if target := apps.get_model(label).objects.filter(**where).order_by(order).first():
            tokens.append(
                link_create(purpose=purpose, target=target, expires_at=now + timezone.timedelta(days=30))
            )
    names = []

    def walk(resolver, namespaces=(), groups=()):
        for entry in resolver.url_patterns:
            found = (*groups, *entry.pattern.regex.groupindex)
            if isinstance(entry, URLResolver):
                if entry.namespace not in ("admin", "api"):
                    walk(entry, (*namespaces, entry.namespace) if entry.namespace else namespaces, found)
            elif isinstance(entry, URLPattern) and entry.name and found == ("token",):
                names.append(":".join((*namespaces, entry.name)))

    walk(get_resolver())
    with translation.override("fi"):
        return [reverse(name, kwargs={"token": token}) for name in names for token in tokens]


def details_page() -> list[str]:
    """The booking flow's details step for the first free time (several clicks deep otherwise)."""
    from bookings import selectors
    from bookings.models import SessionType
    from core.formats import iso_local_minute

    session_type = SessionType.objects.filter(is_active=True, booking_mode="instant").order_by("pk").first()
    today = timezone.localdate()
    slot = selectors.free_slots(session_type, today, today + timezone.timedelta(days=60))[0]
    query = urllib.parse.urlencode(
        {"type": session_type.slug, "modality": slot.modalities[0], "start": iso_local_minute(slot.start)}
    )
    with translation.override("fi"):
        return [f"{reverse('bookings:details')}?{query}"]


def discover(client: Client) -> list[dict]:
    """Every distinct POST form of the site (by action path and field names). Pages behind
    personal links are explored first (their sub-pages hold the forms); a path's query-string
    variants (days, times) only a few times."""
    personal = personal_pages()
    queue = collections.deque([*personal, *details_page(), "/", "/sv/", "/en/"])
    seen, forms, variants, visited = set(queue), {}, collections.Counter(), 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        path = url.split("?")[0]
        variants[path] += 1
        if variants[path] > 3:
            continue
        visited += 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms(url)
        parser.feed(response.content.decode())
        for form in parser.forms:
            path = re.sub(r"/\d+/", "/N/", urllib.parse.urlsplit(form["action"]).path)
            key = (path, tuple(sorted(form["fields"])))
            forms.setdefault(key, {**form, "page": url})
        for link in parser.links:
            if (found := on_site(link)) and found not in seen:
                seen.add(found)
                behind_a_token = any(found.startswith(page) for page in personal)
                queue.appendleft(found) if behind_a_token else queue.append(found)
    return list(forms.values())


def newest_pks() -> dict:
    return {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model._meta.proxy
    }


def assert_stored_rows_are_valid(before: dict) -> None:
    for model, last in before.items():
        for row in model.objects.filter(pk__gt=last):
            try:
                row.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                pytest.fail(
                    f"{model._meta.label} {row.pk} was stored without passing its validation: {error}"
                )


def assert_escaped(response, sent: dict) -> None:
    if "html" not in response.get("Content-Type", ""):
        return
    page = response.content.decode()
    for value in sent.values():
        for payload in XSS[:2]:
            if payload in (value or ""):
                assert payload not in page, (
                    f"{payload!r} came back unescaped in {response.request['PATH_INFO']}"
                )


@pytest.fixture
def site(settings):
    settings.RATELIMIT_ENABLED = False
    settings.SPAM_MIN_FILL_SECONDS = 0
    call_command("demo", stdout=io.StringIO())


def test_every_public_form_survives_random_and_hostile_input(site):
    browser = Client(raise_request_exception=False)
    forms = discover(browser)
    assert len(forms) >= 8, [f["action"] for f in forms]  # request forms, booking, events, mediation…
    for form in forms:
        fuzz_one(browser, form)


def fuzz_one(browser: Client, form: dict) -> None:
    fields = list(form["fields"].values())

    @given(
        values=submissions(fields),
        extra=st.dictionaries(st.text(min_size=1, max_size=20), HOSTILE, max_size=2),
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    def submit(values, extra):
        browser.get(form["page"])  # a fresh page: its stamp, its session state
        data = {**extra, **{name: value for name, value in values.items() if value is not None}}
        before = newest_pks()
        response = browser.post(form["action"], data, follow=True)
        assert response.status_code < 500, f"{form['action']} answered {response.status_code} to {data!r}"
        assert_escaped(response, data)
        assert_stored_rows_are_valid(before)

    submit()


def test_a_tampered_or_missing_spam_stamp_is_refused_not_crashed(site):
    """The signed stamp of when a form was shown is the one hidden field people can tamper with."""
    browser = Client(raise_request_exception=False)
    with translation.override("fi"):
        url = reverse("services:talks_request")
    for stamp in ["", "x", "a" * 5000, "eyJ0IjoxfQ:1:bad", "\x00"]:
        response = browser.post(url, {"form_started": stamp, "email": "maija@example.fi"})
        assert response.status_code == 200
        assert b"error-summary" in response.content
