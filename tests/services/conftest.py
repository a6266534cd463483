import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from practice.selectors import CACHE_KEY as PROFILE_KEY
from services.seo import SITEMAP_PAGES

LANGUAGES = ("fi", "sv", "en")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache; every test starts with none. The practice profile made
    # for the test (tests/conftest.py) stays cached, as on a running site.
    practice = cache.get(PROFILE_KEY)
    cache.clear()
    if practice is not None:
        cache.set(PROFILE_KEY, practice)
    yield
    cache.clear()


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def every_page() -> list[tuple[str, str, str]]:
    """(url name, language, path) of every public page in every language."""
    return [(name, lang, url(name, lang)) for name, _key, _priority in SITEMAP_PAGES for lang in LANGUAGES]


@pytest.fixture
def later():
    """Moves the clock past the minimum fill time, as a person filling in a form would."""

    def travel(seconds: int = 30):
        return time_machine.travel(dt.timedelta(seconds=seconds), tick=True)

    return travel
