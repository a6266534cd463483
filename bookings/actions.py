"""bookings: actions."""
