from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces every app uses: dates, layout helpers, health check, request ids, running."""

    name = "core"
