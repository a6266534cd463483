"""The purpose of the practitioner's private calendar feed link (privacy.links). The value is stored
in rows: never rename it."""

from enum import StrEnum


class FeedLink(StrEnum):
    FEED = "calendar_feed"
