"""Event pages carry schema.org Event data (issue 3: JSON-LD ProfessionalService, Service, Event)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.time import HELSINKI
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def graph(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_an_event_page_describes_the_event_with_its_offer_and_helsinki_times(client):
    event = EventFactory(capacity=3, title_en="Open sound relaxation evening")
    with translation.override("en"):
        url = reverse("events:event", args=[event.slug])
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = graph(html)
    assert data["@type"] == "Event" and data["name"] == "Open sound relaxation evening"
    start = dt.datetime.fromisoformat(data["startDate"])
    assert start == event.start and start.utcoffset() == event.start.astimezone(HELSINKI).utcoffset()
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert "</script" not in json.dumps(data)


def test_a_full_event_is_sold_out(client):
    event = EventFactory(capacity=1, full=True)
    data = graph(client.get(reverse("events:event", args=[event.slug])).content.decode())
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
