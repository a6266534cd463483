from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API /api/v1/ for the booking pages and integrators."""

    name = "api"
    verbose_name = _("JSON API")
