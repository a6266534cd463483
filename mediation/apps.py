from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    """Workplace mediation cases through six stages, party portals, agreements, follow-ups."""

    name = "mediation"
    verbose_name = _("Mediation")

    def ready(self):
        from notifications import visibility

        # Registers message kinds, personal data, and the details of meetings in the calendar feed.
        from . import access, ics, messages, personal_data  # noqa: F401
        from .admin.base import messages_hidden_from

        visibility.register("mediation", hidden=messages_hidden_from)
