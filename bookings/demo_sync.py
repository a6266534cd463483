"""Demo of the private calendar feed: prints the demo practitioner's feed address on every run.

Only the hash of a feed token is stored, so an earlier run's address can't be shown again: each run
regenerates the link (the previous demo address stops working) and prints the new one.
"""

from . import actions, demo
from .views.feed import feed_url


def load(out) -> None:
    token = actions.calendar_feed_regenerate(practitioner=demo.practitioner())
    out.write(f"calendar feed: {feed_url(token)}")
