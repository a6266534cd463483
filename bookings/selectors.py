"""bookings: selectors."""
