from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Encrypted fields, personal links, and the registry of personal data for retention and GDPR."""

    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import actions  # noqa: F401  registers the records of requests as personal data
