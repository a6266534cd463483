"""Domain errors of supervision series, each with a translated message that is safe to show.

They extend bookings.exceptions.BookingError, so a view that catches BookingError shows them too.
"""

from django.utils.translation import gettext_lazy as _

from bookings.exceptions import BookingError


class SeriesConflict(BookingError):
    """Some sessions of a series are not free; `plan` lists each with its reason and an alternative."""

    message = _("Some of the times are not free. Nothing was booked or changed; see the times below.")

    def __init__(self, plan):
        self.plan = plan
        super().__init__()
