from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    """Calendar, free slots, bookings, events, series, client self-service, the JSON API."""

    name = "bookings"
    verbose_name = _("Bookings")

    def ready(self):
        # Register the message kinds with notifications and the personal data with privacy.
        from . import messages, messages_events, personal_data, personal_data_events, tasks_events  # noqa: F401
