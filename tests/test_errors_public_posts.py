"""Every public view that takes a POST counts it against a rate limit (core.ratelimit).

Walks the URL resolver, posts to every public address once with made-up arguments, and looks in
the cache for the count the limit keeps. New views are covered without touching this test.
"""

import itertools

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Not limited on purpose, each with its reason.
UNLIMITED = {
    "set_language": "changes only the visitor's own language cookie",
    "healthz": "answers every method alike and changes nothing",
}
STAFF_OR_MACHINE_NAMESPACES = {"admin", "api"}


def public_patterns(resolver=None, namespaces=(), groups=()):
    """(namespaced name, its arguments' names) of every public URL pattern of the site."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = (*groups, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace in STAFF_OR_MACHINE_NAMESPACES:
                continue
            space = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from public_patterns(entry, space, names)
        elif isinstance(entry, URLPattern) and entry.name:
            yield ":".join((*namespaces, entry.name)), names


def sample_url(name: str, groups: tuple[str, ...]) -> str:
    """The pattern's address with made-up arguments (a token, a number, a uuid, whichever fits)."""
    candidates = ("t" * 43, "1", "00000000-0000-4000-8000-000000000000", "x")
    for values in itertools.product(candidates, repeat=len(groups)):
        try:
            return reverse(name, kwargs=dict(zip(groups, values, strict=True)))
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot make an address for {name}")


def takes_post(url: str) -> bool:
    """A class-based view without post() never takes one (whatever it answers to a made-up token)."""
    view = resolve(url).func
    view_class = getattr(view, "view_class", None)
    return view_class is None or hasattr(view_class, "post")


def test_every_public_view_that_takes_a_post_counts_it_against_a_limit():
    client = Client(REMOTE_ADDR="192.0.2.50")
    unlimited = []
    with translation.override("fi"):
        for name, groups in public_patterns():
            url = sample_url(name, groups)
            if name in UNLIMITED or not takes_post(url):
                continue
            cache.clear()
            response = client.post(url, {"name": "x"})
            counted = any(":rl:" in key for key in cache._cache)  # locmem's store: what was counted
            if response.status_code != 405 and not counted:
                unlimited.append(f"{name} ({url}) answered {response.status_code}")
    cache.clear()
    assert not unlimited, "public POSTs without a rate limit:\n" + "\n".join(unlimited)
