from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarSyncConfig(AppConfig):
    """External calendars in (busy times), the practitioner's private feed out."""

    name = "calendar_sync"
    verbose_name = _("External calendars")

    def ready(self):
        from bookings.signals import block_freed

        from . import tasks  # noqa: F401
        from .actions import block_freed_receiver

        block_freed.connect(block_freed_receiver, dispatch_uid="calendar_sync.block_freed")
