from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The practitioner's workspace: the admin site, staff sign-in and its second factor, the
    calendar, agenda, requests, on-behalf booking, hours, exports and the daily agenda email."""

    name = "workspace"
    verbose_name = _("Workspace")

    def ready(self):
        # Registers the daily agenda with notifications; account admins become superusers' only.
        from . import messages  # noqa: F401
        from .accounts import restrict_to_superusers
        from .maintenance import relabel_and_register

        relabel_and_register()
        restrict_to_superusers()
