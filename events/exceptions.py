"""Domain errors of events and their waitlists, each with a translated message that is safe to show.

They extend bookings.exceptions.BookingError, so a view that catches BookingError shows them too.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from bookings.exceptions import BookingError


class SeatsGone(BookingError):
    """Fewer seats are free than were asked for; `left` says how many are."""

    def __init__(self, left: int):
        self.left = max(left, 0)
        if self.left:
            message = ngettext_lazy(
                "Sorry, only %(count)d seat is left. Choose fewer seats or join the waitlist.",
                "Sorry, only %(count)d seats are left. Choose fewer seats or join the waitlist.",
                "count",
            ) % {"count": self.left}
        else:
            message = _("Sorry, the event is full. You can join the waitlist.")
        super().__init__(message)


class RegistrationClosed(BookingError):
    message = _("Registration for this event has closed.")


class TooManySeats(BookingError):
    message = _("That is more seats than one booking can have.")


class WaitlistNotNeeded(BookingError):
    message = _("There are free seats: you can book them right away.")


class OfferGone(BookingError):
    message = _("This offer is no longer valid: it expired or was already used.")


class NotAllowed(BookingError):
    message = _("Only a superuser can give an event to another practitioner.")


class HealthDeclarationsKept(BookingError):
    message = _(
        "Seat holders have given health self-declarations to this event's practitioner: the event "
        "stays with them until the declarations are purged after the event."
    )
