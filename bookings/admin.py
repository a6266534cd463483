"""bookings: admin."""
