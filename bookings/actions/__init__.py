"""Every change to the calendar and its bookings (STYLE: actions.py grown into a package)."""

from .booking import (
    CHECKIN_DELAY,
    LINK_LIFETIME_AFTER_END,
    Client,
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_decline,
    booking_mark,
    booking_reschedule,
    can_change_online,
    price_parts,
)
from .calendar import block_move, block_release, block_reserve

__all__ = [
    "CHECKIN_DELAY",
    "LINK_LIFETIME_AFTER_END",
    "Client",
    "block_move",
    "block_release",
    "block_reserve",
    "booking_cancel",
    "booking_confirm",
    "booking_create",
    "booking_decline",
    "booking_mark",
    "booking_reschedule",
    "can_change_online",
    "price_parts",
]
