"""The practitioner's private calendar feed, /calendar/feed/<token>.ics, to subscribe from a phone or Outlook.

The token is a personal link (privacy.links: 256 bits, only its hash stored); anything wrong with it
is a plain 404. The feed holds the live bookings (confirmed, waiting for confirmation, completed),
the events that are not cancelled and the mediation meetings, from FEED_PAST ago onwards; cancelled
ones disappear. Each app that owns a kind of calendar entry registers it with
bookings.ics.register_feed_source() (bookings, events.ics, mediation.ics), with the same UID as the
calendar file of its emails, so an invitation the practitioner also accepted is the same entry, not
a second one. Mediation meetings carry a generic label and the place or video link, nothing of the
case. One query per source, whatever the feed's size.
"""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from bookings.ics import calendar, feed_entries, vevent
from bookings.models import Practitioner
from core.headers import attachment_disposition
from practice.selectors import profile
from privacy.links import link_resolve

from .kinds import FeedLink

FEED_PAST = dt.timedelta(days=60)


def feed_url(token: str) -> str:
    """The absolute address of a feed token (show it once: only its hash is kept)."""
    return f"{settings.SITE_URL}{reverse('calendar_feed', kwargs={'token': token})}"


def feed_ics(practitioner: Practitioner, *, now: dt.datetime | None = None) -> bytes:
    """The practitioner's live calendar as an iCalendar file, in their language: what every app
    registered with bookings.ics. One query per source."""
    since = (now or timezone.now()) - FEED_PAST
    with translation.override(practitioner.language):
        cal = calendar()
        cal.add("name", f"{profile().name} – {practitioner.display_name}")
        cal.add("x-wr-calname", f"{profile().name} – {practitioner.display_name}")
        cal.add("refresh-interval", dt.timedelta(minutes=15), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT15M")
        for entry in feed_entries(practitioner, since):
            cal.add_component(vevent(entry))
        return cal.to_ical()


@require_safe
def calendar_feed(request, token: str):
    practitioner = link_resolve(token, purpose=FeedLink.FEED, model=Practitioner)
    response = HttpResponse(feed_ics(practitioner), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition("calendar.ics", inline=True)
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
