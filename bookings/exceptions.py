"""Domain errors of bookings, each with a translated message that is safe to show a client."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError


class BookingError(DomainError):
    message = _("The booking could not be completed.")


class SlotTaken(BookingError):
    message = _("Sorry, this time was just taken. Please choose another time.")


class OutsideAvailability(BookingError):
    message = _("This time is not available. Please choose one of the free times.")


class OutsidePolicy(BookingError):
    message = _("This booking can no longer be changed online. Please contact us by email or phone.")


class InvalidState(BookingError):
    message = _("This booking can not be changed in its current state.")
