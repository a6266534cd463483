"""The names bookings' messages and personal links are known by elsewhere: the message kinds the
outbox queues (bookings/messages.py builds them) and the purposes of personal links (privacy.links).
The values are stored in rows: never rename one."""

from enum import StrEnum


class BookingMessage(StrEnum):
    REQUESTED = "booking_requested"  # to the client: the request is received
    CONFIRMED = "booking_confirmed"  # to the client, with the calendar file
    DECLINED = "booking_declined"  # to the client, with the reason
    RESCHEDULED = "booking_rescheduled"  # to the client, with the updated calendar file
    CANCELLED = "booking_cancelled"  # to the client, with METHOD:CANCEL
    REMINDER = "booking_reminder"  # to the client, before the session
    CHECKIN = "booking_checkin"  # to the client, after the session
    PRACTITIONER = "practitioner_booking"  # to the practitioner: news of a booking


class BookingLink(StrEnum):
    MANAGE = "booking"  # the client's self-service page
    CHECKIN = "checkin"  # the check-in after a session
