"""Message kinds of bookings, registered with notifications (see notifications/registry.py)."""
