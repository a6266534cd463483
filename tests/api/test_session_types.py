"""The JSON API: names and shapes are a contract."""

import datetime as dt

import pytest
import time_machine

from bookings.models import SessionType
from core.time import HELSINKI
from tests.factories import BookingFactory, bookable

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 24, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session_type():
    return bookable(slug="yksilotyonohjaus")[1]


def get(client, **params):
    return client.get("/api/v1/availability/", params)


def test_session_types_list_the_bookable_types(client, session_type):
    SessionType.objects.create(service="talk", slug="hidden", name="Piilotettu", is_active=False)
    response = client.get("/api/v1/session-types/")
    assert response.status_code == 200
    assert response.json() == {
        "session_types": [
            {
                "slug": "yksilotyonohjaus",
                "name": "Yksilötyönohjaus",
                "service": "supervision",
                "duration_minutes": 60,
                "booking_mode": "instant",
                "audience": "individual",
                "modalities": ["in_person", "online"],
                "price": "95.00",
                "vat_rate": "25.5",
                "currency": "EUR",
            }
        ]
    }


def test_session_type_names_follow_the_language(client, session_type):
    response = client.get("/api/v1/session-types/", {"lang": "en"})
    assert response.json()["session_types"][0]["name"] == "Individual supervision"


def test_availability_across_the_spring_change_has_helsinki_offsets(client, session_type, clock):
    # 2027-03-28 is both the spring change and Easter Sunday; Easter Monday is closed too.
    response = get(client, session_type="yksilotyonohjaus", **{"from": "2027-03-27", "to": "2027-03-30"})
    assert response.status_code == 200
    body = response.json()
    assert body["timezone"] == "Europe/Helsinki" and body["session_type"] == "yksilotyonohjaus"
    starts = [s["start"] for s in body["slots"]]
    assert "2027-03-27T09:00:00+02:00" in starts
    assert "2027-03-30T09:00:00+03:00" in starts
    assert not [s for s in starts if s.startswith(("2027-03-28", "2027-03-29"))]
    first = body["slots"][0]
    assert first == {
        "start": "2027-03-27T08:00:00+02:00",
        "end": "2027-03-27T09:00:00+02:00",
        "modalities": ["in_person", "online"],
    }
    assert len(starts) == 20 and all(s["end"] for s in body["slots"])
    assert response["Cache-Control"] == "public, max-age=30"


def test_modality_filter(client, session_type, clock):
    response = get(
        client,
        session_type="yksilotyonohjaus",
        modality="online",
        **{"from": "2027-03-30", "to": "2027-03-30"},
    )
    assert {tuple(s["modalities"]) for s in response.json()["slots"]} == {("online",)}


def test_a_booking_removes_its_time_at_once_despite_the_cache(
    client, session_type, clock, django_capture_on_commit_callbacks
):
    params = {"session_type": "yksilotyonohjaus", "from": "2027-03-30", "to": "2027-03-30"}
    before = [s["start"] for s in get(client, **params).json()["slots"]]
    assert "2027-03-30T10:00:00+03:00" in before
    start = dt.datetime(2027, 3, 30, 10, tzinfo=HELSINKI)
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(
            session_type=session_type, start=start, client_name="A", email="a@example.fi", online=True
        )
    after = [s["start"] for s in get(client, **params).json()["slots"]]
    assert "2027-03-30T10:00:00+03:00" not in after
    assert len(after) == len(before) - 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2027-03-01", "to": "2027-03-02"}, "session_type"),
        ({"session_type": "yksilotyonohjaus", "to": "2027-03-02"}, "from"),
        ({"session_type": "yksilotyonohjaus", "from": "2027-3-1", "to": "2027-03-02"}, "from"),
        ({"session_type": "yksilotyonohjaus", "from": "2027-02-30", "to": "2027-03-02"}, "from"),
        ({"session_type": "yksilotyonohjaus", "from": "2027-03-01", "to": "tomorrow"}, "to"),
        ({"session_type": "yksilotyonohjaus", "from": "2027-03-05", "to": "2027-03-01"}, "from"),
        ({"session_type": "yksilotyonohjaus", "from": "2027-01-01", "to": "2027-04-03"}, "92"),
        (
            {
                "session_type": "yksilotyonohjaus",
                "from": "2027-03-01",
                "to": "2027-03-02",
                "modality": "phone",
            },
            "modality",
        ),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, session_type, params, message):
    response = get(client, lang="en", **params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_ninety_two_days_is_allowed(client, session_type, clock):
    response = get(client, session_type="yksilotyonohjaus", **{"from": "2027-03-24", "to": "2027-06-23"})
    assert response.status_code == 200


def test_unknown_session_type_is_404(client, session_type):
    response = get(client, session_type="nope", **{"from": "2027-03-01", "to": "2027-03-02"})
    assert response.status_code == 404
    assert "error" in response.json()


@pytest.mark.parametrize(("first", "last"), [("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31")])
def test_dates_far_away_are_empty_not_errors(client, session_type, first, last):
    response = get(client, session_type="yksilotyonohjaus", **{"from": first, "to": last})
    assert response.status_code == 200 and response.json()["slots"] == []


def test_availability_takes_a_fixed_number_of_queries(
    client, session_type, clock, django_assert_max_num_queries
):
    for day in range(5, 25):
        BookingFactory(
            session_type=session_type,
            start=dt.datetime(2027, 4, day, 12, tzinfo=HELSINKI),
            client_name="A",
            email="a@example.fi",
            online=True,
        )
    with django_assert_max_num_queries(5):
        response = get(client, session_type="yksilotyonohjaus", **{"from": "2027-03-24", "to": "2027-06-23"})
    assert len(response.json()["slots"]) > 500


def test_openapi_describes_every_api_endpoint(client):
    from django.urls import get_resolver

    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    resolver = get_resolver()
    api_patterns = next(p for p in resolver.url_patterns if str(p.pattern) == "api/v1/")
    routes = {f"/api/v1/{p.pattern}" for p in api_patterns.url_patterns if p.name != "openapi"}
    assert routes == set(document["paths"])


def test_errors_are_in_finnish_unless_another_language_is_asked(client, session_type):
    params = {"session_type": "yksilotyonohjaus", "from": "2027-03-05", "to": "2027-03-01"}
    finnish = get(client, **params).json()["error"]
    swedish = get(client, lang="sv", **params).json()["error"]
    english = get(client, lang="en", **params).json()["error"]
    assert len({finnish, swedish, english}) == 3
    assert english == "“from” must not be after “to”."
