"""Rate limits of the JSON API, per client address, counted in the cache (Redis in production)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import bookable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_the_api_answers_429_json_with_retry_after_over_its_limit(settings):
    settings.RATELIMIT_API = "3/m"
    bookable(slug="tyonohjaus")
    client = from_address("203.0.113.7")
    for _ in range(3):
        assert client.get("/api/v1/session-types/").status_code == 200
    response = client.get("/api/v1/availability/", {"session_type": "tyonohjaus", "lang": "en"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Too many requests. Please wait a moment and try again."}
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_api_limit_is_per_address(settings):
    settings.RATELIMIT_API = "2/m"
    first, second = from_address("203.0.113.7"), from_address("198.51.100.20")
    for _ in range(2):
        first.get("/api/v1/openapi.json")
    assert first.get("/api/v1/openapi.json").status_code == 429
    assert second.get("/api/v1/openapi.json").status_code == 200


def test_addresses_of_one_ipv6_network_share_a_count(settings):
    settings.RATELIMIT_API = "2/m"
    from_address("2001:db8:1:2::10").get("/api/v1/openapi.json")
    from_address("2001:db8:1:2::11").get("/api/v1/openapi.json")
    assert from_address("2001:db8:1:2::12").get("/api/v1/openapi.json").status_code == 429
    assert from_address("2001:db8:1:3::12").get("/api/v1/openapi.json").status_code == 200


def test_the_api_429_speaks_the_requested_language(settings):
    settings.RATELIMIT_API = "1/m"
    client = from_address("203.0.113.9")
    client.get("/api/v1/openapi.json")
    response = client.get("/api/v1/session-types/", {"lang": "fi"})
    with translation.override("fi"):
        expected = translation.gettext("Too many requests. Please wait a moment and try again.")
    assert response.status_code == 429
    assert response.json() == {"error": expected}
    assert expected != "Too many requests. Please wait a moment and try again."  # translated


def test_limits_can_be_switched_off(settings):
    settings.RATELIMIT_API = "1/m"
    settings.RATELIMIT_ENABLED = False
    client = from_address("203.0.113.10")
    assert [client.get("/api/v1/openapi.json").status_code for _ in range(3)] == [200, 200, 200]


@pytest.mark.redis
def test_counts_live_in_redis_so_every_process_shares_them(settings):
    """Two cache connections (as two gunicorn workers have) see one count."""
    import redis
    from django.core.cache import caches

    from tests.services_available import REDIS_URL

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    settings.RATELIMIT_API = "2/m"
    caches["default"].clear()
    try:
        client = from_address("203.0.113.11")
        client.get("/api/v1/openapi.json")
        keys = redis.Redis.from_url(REDIS_URL).keys("*rl:api:*")
        assert len(keys) == 1
        caches["default"].close()  # the next request uses a new connection, like another worker
        client.get("/api/v1/openapi.json")
        assert client.get("/api/v1/openapi.json").status_code == 429
    finally:
        caches["default"].clear()
