from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalLink(models.Model):
    """One token in a URL: booking self-service, offers, check-ins, party links, feeds.

    Only the SHA-256 of the token is stored; the token itself exists in the email or page
    that carries it. Anything wrong with a link (unknown, expired, revoked, other purpose)
    looks the same from outside: 404.
    """

    purpose = models.CharField(_("purpose"), max_length=40)
    token_hash = models.CharField(max_length=64, unique=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"])]

    def __str__(self):
        return f"{self.purpose} → {self.target_type_id}:{self.target_id}"
