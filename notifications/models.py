import hashlib
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One email to one recipient, queued in the transaction of the change that causes it.

    `key` (kind + object + occurrence) makes queuing idempotent. The content is rendered
    when the message is sent, from the object as it is then, in `language`.

    Sending: a sender claims a due row (status `sending`, `claimed_at`, its own `claim_token`),
    sends it and marks it `sent` only if its claim still holds. A time-bound message whose kind's
    "too late" moment has passed when it comes to be built is marked `skipped`, with the reason. A claim older than the claim
    timeout is due again (its sender died). A transient SMTP error puts the row back to
    `pending` with `next_attempt_at` later (backoff); a permanent one marks it `failed`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")
        SKIPPED = "skipped", _("skipped: too late")

    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("key"), max_length=200, unique=True)
    target_type = models.ForeignKey(ContentType, verbose_name=_("target type"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(
        _("target id"),
    )
    target = GenericForeignKey("target_type", "target_id")
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8, default="fi")
    context = models.JSONField(_("context"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due at"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    last_error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"

    @property
    def message_id(self) -> str:
        """The email's Message-ID, derived from the row: a resend of the same row (after a crash
        between the SMTP server's acceptance and our commit) carries the same Message-ID."""
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:16]
        domain = urlparse(settings.SITE_URL).hostname or "localhost"
        return f"<message.{self.pk}.{digest}@{domain}>"
