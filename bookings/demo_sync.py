"""Demo of the private calendar feed: prints the demo practitioner's feed address on every run.

Only the hash of a feed token is stored, so the demo keeps its token in var/ (see
bookings.demo.personal_link): every run prints the same address, which keeps working. Made the first
time (or again after the feed was regenerated), it replaces the practitioner's other feed links, as
regenerating does.
"""

from django.utils import timezone

from . import demo
from .actions.sync import FEED_LIFETIME, FEED_PURPOSE
from .views.feed import feed_url


def load(out) -> None:
    token = demo.personal_link(
        "calendar_feed",
        purpose=FEED_PURPOSE,
        target=demo.practitioner(),
        expires_at=timezone.now() + FEED_LIFETIME,
        replace=True,
    )
    out.write(f"calendar feed: {feed_url(token)}")
