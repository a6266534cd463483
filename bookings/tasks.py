"""bookings: tasks."""
