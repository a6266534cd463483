"""Fuzzing /api/v1/: the OpenAPI description against the endpoints, and hostile values in every
parameter. The rule: never a 500; every answer is JSON of the documented shape; errors are
`{"error": "..."}` with a 4xx status.

Schemathesis reads /api/v1/openapi.json from the WSGI application (offline, in-process) and
generates requests from it, valid and invalid; the hypothesis tests below add what a schema
cannot say: control characters, NUL bytes, odd Unicode, SQL and HTML fragments, huge and far
away dates, repeated and unknown parameters.
"""

import datetime as dt
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import URLPattern, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks

from tests.factories import bookable

pytestmark = pytest.mark.django_db
SLUG = "yksilotyonohjaus"
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def calendar(settings):
    settings.RATELIMIT_ENABLED = False
    return bookable(slug=SLUG)[1]


# Read at collection from the application itself (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# positive_data_acceptance is left out: "from" after "to", or a range over 92 days, is valid for
# the schema (it cannot relate two parameters) and rightly refused with 400.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
    checks.unsupported_method,
]


@pytest.fixture
def wsgi_in_test_transaction():
    """Calls straight into the WSGI application must not close the test's database connection
    when a request ends (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_the_api_keeps_to_its_openapi_description(case, calendar, wsgi_in_test_transaction):
    response = case.call()
    case.validate_response(response, checks=CHECKS)


def test_the_openapi_description_lists_every_endpoint_and_nothing_else(client):
    document = client.get("/api/v1/openapi.json").json()
    (api,) = [r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "api"]
    routes = {
        f"/api/v1/{pattern.pattern}"
        for pattern in api.url_patterns
        if isinstance(pattern, URLPattern) and pattern.name != "openapi"
    }
    assert set(document["paths"]) == routes
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path
        assert "200" in operations["get"]["responses"], path
        if "parameters" in operations["get"]:
            assert "400" in operations["get"]["responses"], path


# --- hostile values ---------------------------------------------------------------------------------

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Co", "So"]),
        max_size=60,
    ),
    st.just("\x00"),
    st.just("a\x00b"),
    st.just("x" * 100_000),
    st.just("'; DROP TABLE bookings_booking; --"),
    st.just("' OR '1'='1"),
    st.just('<script>alert("x")</script>'),
    st.just("../../etc/passwd"),
    st.just("%00%0d%0a"),
    st.just("\u202e\ufeff\u200b"),
    st.just("🙂" * 50),
    st.just("-1"),
    st.just("99999999999999999999999999"),
    st.just("NaN"),
    st.just("[]"),
    st.just('{"$gt": ""}'),
)
DATES = st.one_of(
    HOSTILE,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(
        ["0000-00-00", "2027-02-30", "2027-13-01", "9999-12-31", "0001-01-01", "2027-3-1", "20270301"]
    ),
)


def assert_json_answer(response) -> dict:
    assert response.status_code in (200, 400, 404, 405), response.status_code
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert isinstance(body, dict)
    if response.status_code != 200:
        assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    return body


@given(
    session_type=st.one_of(HOSTILE, st.just(SLUG)),
    first=DATES,
    last=DATES,
    modality=st.one_of(st.none(), HOSTILE, st.sampled_from(["in_person", "online"])),
    lang=st.one_of(st.none(), HOSTILE, st.sampled_from(["fi", "sv", "en"])),
)
@FUZZ
def test_availability_answers_any_parameters_without_a_server_error(
    client, calendar, session_type, first, last, modality, lang
):
    params = {"session_type": session_type, "from": first, "to": last, "modality": modality, "lang": lang}
    response = client.get("/api/v1/availability/", {k: v for k, v in params.items() if v is not None})
    body = assert_json_answer(response)
    if response.status_code == 200:
        assert body["session_type"] == SLUG and isinstance(body["slots"], list)


VALID = {"session_type": SLUG, "from": "2027-03-01", "to": "2027-03-31", "modality": "online", "lang": "fi"}


@pytest.mark.parametrize("name", list(VALID))
@pytest.mark.parametrize(
    "value",
    ["\x00", "a\x00", "x" * 100_000, "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "%00", ""],
)
def test_one_hostile_value_among_valid_ones(client, calendar, name, value):
    """Each parameter alone with a value a database or a decoder may choke on."""
    response = client.get("/api/v1/availability/", {**VALID, name: value})
    assert_json_answer(response)


@given(
    names=st.lists(st.sampled_from(["session_type", "from", "to", "modality", "lang", "x", ""]), max_size=8),
    values=st.lists(DATES, min_size=8, max_size=8),
)
@FUZZ
def test_missing_repeated_and_unknown_parameters_are_refused_plainly(client, calendar, names, values):
    query = [(name, value) for name, value in zip(names, values, strict=False)]
    response = client.get("/api/v1/availability/", query)
    assert_json_answer(response)


@given(lang=HOSTILE, extra=HOSTILE)
@FUZZ
def test_session_types_ignore_hostile_parameters(client, calendar, lang, extra):
    response = client.get("/api/v1/session-types/", {"lang": lang, "page": extra})
    body = assert_json_answer(response)
    assert [t["slug"] for t in body["session_types"]] == [SLUG]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, calendar, method):
    for path in (
        "/api/v1/session-types/",
        "/api/v1/availability/",
        "/api/v1/events/",
        "/api/v1/openapi.json",
    ):
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        # Like every API error: JSON, in Finnish unless another language is asked, with Allow.
        assert response.json() == {"error": "Tähän osoitteeseen voi tehdä vain GET-pyyntöjä."}, path
        assert response["Allow"] == "GET, HEAD"
    response = getattr(client, method)("/api/v1/session-types/?lang=en")
    assert response.json() == {"error": "This address only answers GET requests."}
