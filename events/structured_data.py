"""schema.org data (JSON-LD) of the public event pages."""

from django.conf import settings
from django.urls import reverse

from bookings.models import Modality
from core.time import HELSINKI

from .models import Event


def event_graph(event: Event, *, seats_left: int) -> dict:
    """The event as a schema.org Event with its offer; times with the Helsinki offset."""
    url = settings.SITE_URL + reverse("events:event", kwargs={"slug": event.slug})
    if event.modality == Modality.ONLINE:
        mode, location = "OnlineEventAttendanceMode", {"@type": "VirtualLocation", "url": url}
    else:
        mode = "OfflineEventAttendanceMode"
        location = {"@type": "Place", "name": event.place_note or settings.PRACTICE_NAME}
        if event.location:
            location = {"@type": "Place", "name": event.location.name, "address": event.location.address}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.astimezone(HELSINKI).isoformat(),
        "endDate": event.end.astimezone(HELSINKI).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": location,
        "url": url,
        "organizer": {
            "@type": "Organization",
            "name": settings.PRACTICE_NAME,
            "url": settings.SITE_URL + "/",
        },
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": str(event.price_per_seat),
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock" if seats_left else "https://schema.org/SoldOut",
        },
    }
    if event.description:
        data["description"] = event.description[:500]
    return data
