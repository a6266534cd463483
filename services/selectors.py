"""Reads of the public site: each page in a fixed number of queries, whatever its content."""

from django.db.models import Prefetch
from django.http import Http404

from .models import Page, PageItem, Price

SERVICE_KEYS = (Page.Key.SUPERVISION, Page.Key.MEDIATION, Page.Key.TALKS, Page.Key.SOUND_RELAXATION)


def _published_items():
    return Prefetch("items", queryset=PageItem.objects.filter(is_published=True).order_by("position", "id"))


def page_get(key: str) -> Page:
    """The page with its published list entries and prices (with their session types): three queries."""
    prices = Prefetch("prices", queryset=Price.objects.select_related("session_type"))
    page = Page.objects.prefetch_related(_published_items(), prices).filter(key=key).first()
    if page is None:
        raise Http404
    return page


def pages_by_key(keys) -> dict[str, Page]:
    """Pages by key, without their lists: one query."""
    return {page.key: page for page in Page.objects.filter(key__in=list(keys))}


def items_by_group(page: Page) -> dict[str, list[PageItem]]:
    """The page's prefetched entries by list (`items.stage`, `items.topic` in templates)."""
    groups: dict[str, list[PageItem]] = {}
    for item in page.items.all():
        groups.setdefault(item.group, []).append(item)
    return groups


def talk_topics() -> list[str]:
    """Titles of the published talk topics, in the active language: one query."""
    return [
        item.title
        for item in PageItem.objects.filter(
            page__key=Page.Key.TALKS, group=PageItem.Group.TOPIC, is_published=True
        ).order_by("position", "id")
    ]
