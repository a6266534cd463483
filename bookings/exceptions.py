"""bookings: exceptions."""
