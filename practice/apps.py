from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    """The practice's own identity: name, the practitioner, introduction, portrait, contact and
    business details. One row, edited in the workspace; every page, mail and file reads it through
    `practice.selectors.profile()`."""

    name = "practice"
    verbose_name = _("The practice")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import PracticeProfile
        from .selectors import forget

        # However the row changes (the workspace, a migration, a shell), no process keeps the old one.
        post_save.connect(forget, sender=PracticeProfile, dispatch_uid="practice-profile-saved")
        post_delete.connect(forget, sender=PracticeProfile, dispatch_uid="practice-profile-deleted")
