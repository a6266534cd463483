"""Workplace mediation: a case moves through six stages; parties take part through personal links.

Everything a party writes and everything the mediator notes is an EncryptedTextField: the
database holds only Fernet tokens. When a closed case has outlived MEDIATION_RETENTION_DAYS its
content is purged (mediation.actions.retention), leaving dates, stages and the outcome.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bookings.models import CalendarBlock, OrganisationDetails, Practitioner
from privacy.fields import EncryptedTextField

from . import stages


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

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="stage_changes")
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
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class StageRecord(models.Model):
    """The mediator's own record of one stage of a case (its meetings and documents point here)."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="records")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    notes = EncryptedTextField(_("mediator's notes"), blank=True)
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

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="documents")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("type"), max_length=100, default="application/octet-stream")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    data = EncryptedTextField(editable=False)  # the file, base64
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["stage", "uploaded_at"]

    def __str__(self):
        return _("Document %(pk)s") % {"pk": self.pk}


class Party(models.Model):
    """A person in the conflict, taking part through their own personal link."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        SUPERVISOR = "supervisor", _("Supervisor")
        MANAGER = "manager", _("Manager")
        OTHER = "other", _("Other")

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="parties")
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

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="intake")
    situation = EncryptedTextField(_("Your view of the situation"), blank=True)
    effects = EncryptedTextField(_("How it affects you and your work"), blank=True)
    hopes = EncryptedTextField(_("What you hope for from the mediation"), blank=True)
    safety = EncryptedTextField(_("What you need to feel safe in a joint session"), blank=True)
    availability = EncryptedTextField(_("When you are usually available"), blank=True)
    other = EncryptedTextField(_("Anything else the mediator should know"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    ANSWER_FIELDS = ("situation", "effects", "hopes", "safety", "availability", "other")

    class Meta:
        verbose_name = _("pre-session form")
        verbose_name_plural = _("pre-session forms")

    def __str__(self):
        return _("Pre-session form %(pk)s") % {"pk": self.pk}


class Meeting(models.Model):
    """A meeting of the case: proposed at several times, then booked into the mediator's calendar.

    An info session, an individual meeting with one party, a joint session of several hours or the
    follow-up meeting all work the same way. `uid` and `sequence` make its calendar file stable.
    """

    class Kind(models.TextChoices):
        INFO = "info", _("Info session")
        INDIVIDUAL = "individual", _("Individual meeting")
        JOINT = "joint", _("Joint session")
        FOLLOW_UP = "follow_up", _("Follow-up meeting")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Times proposed")
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="meetings")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.JOINT)
    parties = models.ManyToManyField(Party, related_name="meetings", verbose_name=_("parties invited"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(15), MaxValueValidator(10 * 60)]
    )
    place = models.CharField(
        _("place or video link"), max_length=300, blank=True, help_text=_("Shown to the invited parties.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    block = models.OneToOneField(
        CalendarBlock, on_delete=models.PROTECT, null=True, blank=True, related_name="mediation_meeting"
    )
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE
    proposals_sent_at = models.DateTimeField(_("times sent to parties"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["case", "start", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="booked") | (Q(start__isnull=False) & Q(block__isnull=False)),
                name="mediation_meeting_booked_has_time",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class TimeProposal(models.Model):
    """One time the mediator offers for a meeting, free in their calendar when proposed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "start"], name="mediation_proposal_unique_start"),
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="mediation_proposal_order"),
        ]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}"


class TimeVote(models.Model):
    """A party marked a proposed time as suitable."""

    proposal = models.ForeignKey(TimeProposal, on_delete=models.CASCADE, related_name="votes")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="votes")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "party"], name="mediation_vote_once")]

    def __str__(self):
        return f"{self.party_id} → {self.proposal_id}"


class Agreement(models.Model):
    """The written agreement of stage 5: commitments that each party confirms through their link.

    Changing a published agreement raises `version`; confirmations count for one version only.
    """

    case = models.OneToOneField(MediationCase, on_delete=models.CASCADE, related_name="agreement")
    preamble = EncryptedTextField(_("introduction"), blank=True)
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

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    who = EncryptedTextField(_("who"))
    what = EncryptedTextField(_("does what"))
    due_date = models.DateField(_("by when"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["position", "pk"]

    def __str__(self):
        return _("Commitment %(pk)s") % {"pk": self.pk}


class AgreementConfirmation(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="confirmations")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="confirmations")
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


class CheckIn(models.Model):
    """A follow-up question to one party at a set time after the agreement; answers reach only the mediator."""

    class Kind(models.TextChoices):
        CHECKIN = "checkin", _("Check-in")
        MEETING = "meeting", _("Follow-up meeting proposal")

    class Need(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="checkins")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="checkins")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    due_at = models.DateTimeField(_("due"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    holding = EncryptedTextField(_("How are the commitments holding?"), blank=True)
    changed = EncryptedTextField(_("What has changed since the agreement?"), blank=True)
    wants_meeting = EncryptedTextField(_("Is a follow-up meeting needed?"), choices=Need, blank=True)

    class Meta:
        verbose_name = _("follow-up check-in")
        verbose_name_plural = _("follow-up check-ins")
        ordering = ["due_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_at:%Y-%m-%d}"
