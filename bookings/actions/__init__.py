"""Every change to the calendar and its one-off bookings, a module per area (import the module you
need: `from bookings.actions.booking import booking_create`)."""
