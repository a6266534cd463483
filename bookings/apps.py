from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    """The calendar core: practitioners, hours, session types, the calendar guard, free slots,
    one-off bookings and the client's self-service."""

    name = "bookings"
    verbose_name = _("Bookings")

    def ready(self):
        # Registers the message kinds with notifications and the personal data with privacy.
        from . import access, messages, personal_data  # noqa: F401
