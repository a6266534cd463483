"""{% upcoming_events 3 service="sound_relaxation" as events %}: open events for other apps' pages
(the home page's "upcoming open events"), through bookings.selectors_events. One query (and the
hand-over of offers past their time first, when there are any: events.actions.settle.settled_read)."""

from django import template

from ..actions.settle import settled_read
from ..selectors import seats_left, upcoming_public_events

register = template.Library()


@register.simple_tag
def upcoming_events(limit: int = 3, service: str | None = None):
    events = settled_read(lambda: upcoming_public_events(limit, service=service or None))
    for event in events:
        event.left = seats_left(event)
    return events
