"""The parties of a case: who they are, their pre-session form and their follow-up check-ins."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.formats import format_date
from privacy.fields import EncryptedTextField

from .case import MediationCase


class Party(models.Model):
    """A person in the conflict, taking part through their own personal link."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        SUPERVISOR = "supervisor", _("Supervisor")
        MANAGER = "manager", _("Manager")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.EMPLOYEE)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "email"], name="mediation_party_email_per_case")
        ]

    def __str__(self):
        return self.name


class Intake(models.Model):
    """A party's confidential pre-session form: every answer optional, all of it encrypted.

    Saved as a draft until submitted; editable until the case reaches the opening session.
    """

    party = models.OneToOneField(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="intake"
    )
    situation = EncryptedTextField(_("Your view of the situation"), blank=True, max_length=5000)
    effects = EncryptedTextField(_("How it affects you and your work"), blank=True, max_length=5000)
    hopes = EncryptedTextField(_("What you hope for from the mediation"), blank=True, max_length=5000)
    safety = EncryptedTextField(
        _("What you need to feel safe in a joint session"), blank=True, max_length=5000
    )
    availability = EncryptedTextField(_("When you are usually available"), blank=True, max_length=5000)
    other = EncryptedTextField(_("Anything else the mediator should know"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    ANSWER_FIELDS = ("situation", "effects", "hopes", "safety", "availability", "other")

    class Meta:
        verbose_name = _("pre-session form")
        verbose_name_plural = _("pre-session forms")

    def __str__(self):
        return _("Pre-session form %(pk)s") % {"pk": self.pk}


class CheckIn(models.Model):
    """A follow-up question to one party at a set time after the agreement; answers reach only the mediator."""

    class Kind(models.TextChoices):
        CHECKIN = "checkin", _("Check-in")
        MEETING = "meeting", _("Follow-up meeting proposal")

    class Need(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    case = models.ForeignKey(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="checkins"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="checkins"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    due_at = models.DateTimeField(_("due"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    holding = EncryptedTextField(_("How are the commitments holding?"), blank=True, max_length=5000)
    changed = EncryptedTextField(_("What has changed since the agreement?"), blank=True, max_length=5000)
    wants_meeting = EncryptedTextField(_("Is a follow-up meeting needed?"), choices=Need, blank=True)

    class Meta:
        verbose_name = _("follow-up check-in")
        verbose_name_plural = _("follow-up check-ins")
        ordering = ["due_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {format_date(self.due_at)}"
