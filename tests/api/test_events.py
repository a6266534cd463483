"""GET /api/v1/events/: names and shapes are a contract (see the README)."""

import datetime as dt

import pytest
from django.core.cache import cache

from core.time import HELSINKI
from events.actions.event import event_cancel
from tests.events.factories import EventFactory, group_type
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def get(client, **params):
    return client.get("/api/v1/events/", params)


def day(days: int) -> str:
    return (dt.datetime.now(HELSINKI).date() + dt.timedelta(days=days)).isoformat()


def test_events_in_a_range_with_seats_offsets_and_their_page(client, django_assert_max_num_queries):
    session_type = group_type()
    practitioner = session_type.practitioners.first()
    place = LocationFactory(practitioner=practitioner, name="Sali", address="Kalevankatu 12, Helsinki")
    open_one = EventFactory(days=5, capacity=4, session_type=session_type, location=place, seats_taken=1)
    full = EventFactory(days=6, capacity=1, session_type=session_type, online=True, full=True)
    EventFactory(days=40, capacity=4, session_type=session_type)  # outside the range
    with django_assert_max_num_queries(2):
        response = get(client, **{"from": day(1), "to": day(30)})
    assert response.status_code == 200
    events = response.json()["events"]
    assert [e["id"] for e in events] == [open_one.pk, full.pk]
    first = events[0]
    assert set(first) == {
        "id", "title", "service", "start", "end", "capacity", "seats_left", "waitlist", "modality", "location", "url",
    }  # fmt: skip
    local = open_one.start.astimezone(HELSINKI)
    assert first["start"] == local.isoformat() and first["start"].endswith(("+02:00", "+03:00"))
    assert first["end"] == open_one.end.astimezone(HELSINKI).isoformat()
    assert (first["capacity"], first["seats_left"], first["waitlist"]) == (4, 3, False)
    assert first["service"] == "sound_relaxation" and first["modality"] == "in_person"
    assert first["location"] == "Sali, Kalevankatu 12, Helsinki"
    assert first["title"] == "Avoin sointurentoutusilta"
    assert first["url"].startswith("http") and first["url"].endswith(f"/{open_one.slug}/")
    second = events[1]
    assert (second["seats_left"], second["waitlist"], second["location"]) == (0, True, None)
    assert response["Cache-Control"] == "public, max-age=30"


def test_titles_and_page_addresses_follow_the_language(client):
    event = EventFactory(days=5, capacity=4)
    english = get(client, **{"from": day(1), "to": day(30), "lang": "en"}).json()["events"][0]
    assert english["title"] == "Open sound relaxation evening" and "/en/" in english["url"]
    assert event.slug in english["url"]


def test_cancelled_and_draft_events_are_not_listed(client):
    session_type = group_type()
    gone = EventFactory(days=5, capacity=4, session_type=session_type)
    event_cancel(event=gone)
    EventFactory(days=6, capacity=4, session_type=session_type, draft=True)
    assert get(client, **{"from": day(1), "to": day(30)}).json() == {"events": []}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"from": "2027-01-01"},
        {"to": "2027-01-01"},
        {"from": "2027-02-30", "to": "2027-03-01"},
        {"from": "27-01-01", "to": "2027-03-01"},
        {"from": "tomorrow", "to": "2027-03-01"},
        {"from": "2027-03-02", "to": "2027-03-01"},
        {"from": "2027-01-01", "to": "2028-01-02"},
    ],
    ids=["none", "no-to", "no-from", "impossible", "short-year", "words", "reversed", "367-days"],
)
def test_bad_reversed_or_too_long_ranges_are_400_with_an_error(client, params):
    response = get(client, **params)
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and response.json()["error"]


def test_a_range_of_exactly_366_days_is_fine(client):
    assert get(client, **{"from": "2027-01-01", "to": "2028-01-01"}).status_code == 200


def test_the_openapi_document_describes_the_events_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/events/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to"}
    schema = document["components"]["schemas"]["Events"]["properties"]["events"]["items"]
    assert set(schema["required"]) == {
        "id", "title", "service", "start", "end", "capacity", "seats_left", "waitlist", "modality", "location", "url",
    }  # fmt: skip
