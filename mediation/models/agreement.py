"""The agreement a case ends in: its commitments and each party's confirmation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from privacy.fields import EncryptedTextField

from .case import MediationCase
from .party import Party


class Agreement(models.Model):
    """The written agreement of stage 5: commitments that each party confirms through their link.

    Changing a published agreement raises `version`; confirmations count for one version only.
    """

    case = models.OneToOneField(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="agreement"
    )
    preamble = EncryptedTextField(_("introduction"), blank=True, max_length=20000)
    version = models.PositiveIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("shown to the parties"), null=True, blank=True)
    completed_at = models.DateTimeField(_("confirmed by every party"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return _("Agreement of case #%(pk)s") % {"pk": self.case_id}


class Commitment(models.Model):
    """Who does what by when."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="commitments"
    )
    who = EncryptedTextField(_("who"), max_length=200)
    what = EncryptedTextField(_("does what"), max_length=2000)
    due_date = models.DateField(_("by when"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["position", "pk"]

    def __str__(self):
        return _("Commitment %(pk)s") % {"pk": self.pk}


class AgreementConfirmation(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="confirmations"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="confirmations"
    )
    version = models.PositiveIntegerField(_("version"))
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party", "version"], name="mediation_confirm_once_per_version"
            )
        ]

    def __str__(self):
        return f"{self.party} v{self.version}"
