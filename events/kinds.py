"""The names events' messages and personal links are known by elsewhere: the message kinds the
outbox queues (events/messages.py builds them) and the purposes of personal links (privacy.links).
The values are stored in rows: never rename one."""

from enum import StrEnum


class EventMessage(StrEnum):
    SEAT_CONFIRMED = "seat_confirmed"
    SEAT_CANCELLED = "seat_cancelled"
    SEAT_REMINDER = "seat_reminder"
    EVENT_CHANGED = "event_changed"
    EVENT_CANCELLED = "event_cancelled"
    WAITLIST_JOINED = "waitlist_joined"
    WAITLIST_OFFER = "waitlist_offer"
    WAITLIST_OFFER_EXPIRED = "waitlist_offer_expired"
    WAITLIST_CLOSED = "waitlist_closed"


class EventLink(StrEnum):
    SEATS = "event_seats"  # the seat holder's page
    WAITLIST = "waitlist"  # the waiting person's place in line
    OFFER = "waitlist_offer"  # an offer of freed seats (outlives the offer, to say what became of it)
