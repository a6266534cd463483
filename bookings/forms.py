"""bookings: forms."""
