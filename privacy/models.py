from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.formats import format_when

from .fields import EncryptedTextField


class PersonalLink(models.Model):
    """One token in a URL: booking self-service, offers, check-ins, party links, feeds.

    Only the SHA-256 of the token is looked up; the token itself exists in the email or page
    that carries it. A link that is sent again and again (a mediation party's) keeps its token
    encrypted at rest in `sealed_token`, so a reminder re-sends the live link instead of minting
    another; revoking blanks it. Anything wrong with a link (unknown, expired, revoked, other
    purpose) looks the same from outside: 404.
    """

    purpose = models.CharField(_("purpose"), max_length=40)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    target_type = models.ForeignKey(ContentType, verbose_name=_("target type"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(
        _("target id"),
    )
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    sealed_token = EncryptedTextField(_("kept link"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"])]

    def __str__(self):
        return f"{self.purpose} → {self.target_type_id}:{self.target_id}"


class PrivacyRequest(models.Model):
    """The record of one export or erasure of a person's data: for whom, by whom, when, how much.

    Kept as the proof that a request was met (and to repeat erasures after restoring an older
    backup) for PRIVACY_REQUEST_RETENTION_DAYS, then purged like everything else.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASURE = "erasure", _("Erasure")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    email = models.EmailField(_("email"), db_index=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)
    counts = models.JSONField(_("records"), default=dict)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["-done_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.email} {format_when(self.done_at)}"


class AccessChange(models.Model):
    """Who gave access to what, when and why: a practitioner's account, a case's mediator, an
    event's practitioner. Only superusers make these changes, each with a written reason
    (privacy.access.Rule.ASSIGN); the record stays as the proof."""

    target_type = models.ForeignKey(ContentType, verbose_name=_("target type"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(
        _("target id"),
    )
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(_("what"), max_length=200)
    field = models.CharField(_("field"), max_length=40)
    old_value = models.CharField(_("before"), max_length=200, blank=True)
    new_value = models.CharField(_("after"), max_length=200)
    reason = models.TextField(_("reason"), max_length=2000)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("access change")
        verbose_name_plural = _("access changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.target_label}: {self.field} {self.old_value or '–'} → {self.new_value}"
