from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The outbox: every email is queued in the transaction that causes it and sent exactly once."""

    name = "notifications"
    verbose_name = _("Messages")

    def ready(self):
        from .personal_data import register_all

        register_all()
