from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Group events with seats, a waitlist and health self-declarations."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers the message kinds with notifications, the personal data with privacy, the task.
        from . import access, messages, personal_data, tasks  # noqa: F401
