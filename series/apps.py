from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeriesConfig(AppConfig):
    """Supervision series under a written agreement (työnohjaussopimus)."""

    name = "series"
    verbose_name = _("Supervision series")

    def ready(self):
        # Registers the message kinds with notifications and the personal data with privacy.
        from . import messages, personal_data  # noqa: F401
