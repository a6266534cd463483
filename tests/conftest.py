import pytest
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.urls import clear_url_caches
from django.utils import translation

from tests.factories import StaffFactory
from tests.services_available import IN_CI, redis_missing


def skip_or_fail(reason: str):
    """A missing service skips a test with its reason on a newcomer's machine; under CI it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (under CI nothing may skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _service_markers(request):
    # PostgreSQL-only tests run in the PostgreSQL pass of make test (tests/suites.py), which
    # itself fails under CI when PostgreSQL is missing.
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of make test")
    if request.node.get_closest_marker("redis") and (reason := redis_missing()):
        skip_or_fail(reason)


@pytest.fixture(autouse=True)
def _finnish_first():
    """Every test starts in the site's default language, whatever the previous one requested."""
    translation.activate("fi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty (process-wide) cache: no rate-limit counts, and no cached
    availability, which is keyed by a calendar version that only a committed transaction bumps (else a
    test inherits the slots an earlier one cached for the same session type and day)."""
    cache.clear()


@pytest.fixture
def admin_user(db):
    """A superuser made by the factory (instead of pytest-django's "admin"), with a name and address."""
    return StaffFactory(is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    """A client signed in as `admin_user`."""
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _practice_profile_of_the_test(request):
    """The practice profile is cached beyond a test's rolled-back transaction, so each test starts
    with its own; a test with the database gets it made first, as a running site has it, so that
    query counts measure the page and not the profile's first use."""
    from practice.selectors import CACHE_KEY, profile

    cache.delete(CACHE_KEY)
    names = set(request.fixturenames)
    if request.node.get_closest_marker("django_db") or names & {"db", "transactional_db"}:
        request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
        profile()
    yield
    cache.delete(CACHE_KEY)


@pytest.fixture
def practice_profile(db):
    """The practice's profile in this test, to read or change (`.vat_registered = False; .save()`)."""
    from practice.selectors import profile

    return profile()


@receiver(setting_changed)
def _language_code_changed(*, setting, **kwargs):
    """The URL resolver caches each language's prefix (none for the default language): a test that
    changes LANGUAGE_CODE must not leave prefix-less English URLs behind for the next test."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()
