"""Demo of the private calendar feed: prints the demo practitioner's feed address on every run.

Only the hash of a feed token is stored, so the demo keeps its token in var/ (see
demo.calendar.personal_link): every run prints the same address, which keeps working. Made the first
time (or again after the feed was regenerated), it replaces the practitioner's other feed links, as
regenerating does.
"""

from django.utils import timezone

from calendar_sync.actions import FEED_LIFETIME
from calendar_sync.feed import feed_url
from calendar_sync.kinds import FeedLink

from . import calendar as demo


def load(out) -> None:
    token = demo.personal_link(
        "calendar_feed",
        purpose=FeedLink.FEED,
        target=demo.practitioner(),
        expires_at=timezone.now() + FEED_LIFETIME,
        replace=True,
    )
    out.write(f"calendar feed: {feed_url(token)}")
