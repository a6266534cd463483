"""A mediation case, its stages and their records: the history of moves and the documents."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bookings.models import OrganisationDetails, Practitioner
from core.formats import format_when
from privacy.fields import EncryptedTextField

from .. import stages


class Stage(models.IntegerChoices):
    """The practice's six stages (values from mediation.stages.Stage)."""

    PREPARATION = int(stages.Stage.PREPARATION), _("Preparation")
    OPENING_SESSION = int(stages.Stage.OPENING_SESSION), _("Opening session")
    PROBLEM_DEFINITION = int(stages.Stage.PROBLEM_DEFINITION), _("Problem definition")
    DISCUSSION = int(stages.Stage.DISCUSSION), _("Discussion and interaction")
    FINDING_SOLUTIONS = int(stages.Stage.FINDING_SOLUTIONS), _("Finding solutions")
    FOLLOW_UP = int(stages.Stage.FOLLOW_UP), _("Follow-up")


class MediationCase(OrganisationDetails):
    """One mediation commissioned by an organisation, run by one mediator.

    The organisation's contact person confirms the commissioning agreement and later sees the
    schedule and whether an agreement was reached — never what anyone said or agreed.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        AGREEMENT = "agreement", _("An agreement was reached")
        NO_AGREEMENT = "no_agreement", _("No agreement was reached")

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For you only: parties and the organisation never see it. Avoid names."),
    )
    mediator = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="mediation_cases", verbose_name=_("mediator")
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage, default=Stage.PREPARATION)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_language = models.CharField(
        _("contact's language"), max_length=8, choices=settings.LANGUAGES, default="fi"
    )

    commission_terms = models.TextField(
        _("commissioning agreement"),
        blank=True,
        help_text=_(
            "What the organisation commissions: the process, schedule, price and confidentiality. "
            "The contact person reads and confirms it through their personal link."
        ),
        max_length=10000,
    )
    price = models.DecimalField(
        _("price incl. VAT (EUR)"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=Decimal("25.5"))
    commission_sent_at = models.DateTimeField(_("commissioning agreement sent"), null=True, blank=True)
    commission_confirmed_at = models.DateTimeField(
        _("commissioning agreement confirmed"), null=True, blank=True
    )
    commission_confirmed_by = models.CharField(_("confirmed by"), max_length=200, blank=True)

    checkin_after_days = models.PositiveSmallIntegerField(
        _("check-in (days after the agreement)"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    followup_meeting_after_days = models.PositiveSmallIntegerField(
        _("follow-up meeting proposed (days after the agreement)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    purged_at = models.DateTimeField(_("content purged"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "closed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__gte=int(stages.FIRST)) & Q(stage__lte=int(stages.LAST)),
                name="mediation_case_stage",
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="mediation_case_closed_at",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class StageChange(models.Model):
    """The history of a case: who moved it, when, from where to where, and why."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        ADVANCED = "advanced", _("moved forward")
        BACK = "back", _("moved back")
        CLOSED = "closed", _("closed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    case = models.ForeignKey(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind)
    from_stage = models.PositiveSmallIntegerField(_("from"), choices=Stage, null=True, blank=True)
    to_stage = models.PositiveSmallIntegerField(_("to"), choices=Stage)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = EncryptedTextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {format_when(self.at)}"


class StageRecord(models.Model):
    """The mediator's own record of one stage of a case (its meetings and documents point here)."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="records"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    notes = EncryptedTextField(_("mediator's notes"), blank=True, max_length=20000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("stage record")
        verbose_name_plural = _("stage records")
        ordering = ["case", "stage"]
        constraints = [models.UniqueConstraint(fields=["case", "stage"], name="mediation_record_per_stage")]

    def __str__(self):
        return f"{self.stage}. {self.get_stage_display()}"


class StageDocument(models.Model):
    """A file kept with one stage of a case, encrypted at rest like the notes."""

    MAX_BYTES = 2 * 1024 * 1024

    case = models.ForeignKey(
        MediationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="documents"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    name = EncryptedTextField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100, default="application/octet-stream")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    data = EncryptedTextField(editable=False)  # the file, base64
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["stage", "uploaded_at"]

    def __str__(self):
        return _("Document %(pk)s") % {"pk": self.pk}
