from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The public site: service pages, legal pages, organisation requests, SEO."""

    name = "services"
    verbose_name = _("Site content and requests")

    def ready(self):
        from . import messages  # noqa: F401  registers the message kinds with notifications
        from .personal_data import register_all

        register_all()
