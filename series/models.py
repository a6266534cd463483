"""Supervision processes: the agreement (työnohjaussopimus) and the series of sessions it runs.

A Series links its Booking rows through SeriesSession (one-to-one with Booking), so that every
session is an ordinary booking: the same calendar guard, reminders, check-ins and calendar files.
The agreement follows the Finnish supervisors' association's recommendation: client organisation
and payer, contact person, participants, goals, number and length of sessions, cadence, place,
price and payment terms, cancellation terms, evaluations, trial sessions and how to end early.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bookings.models import (
    Booking,
    Location,
    Modality,
    OrganisationDetails,
    Practitioner,
    SessionType,
)
from core.formats import format_date, format_when


class Cadence(models.TextChoices):
    EVERY_2_WEEKS = "2w", _("Every 2 weeks")
    EVERY_3_WEEKS = "3w", _("Every 3 weeks")
    EVERY_4_WEEKS = "4w", _("Every 4 weeks")
    DATES = "dates", _("On chosen dates")

    @property
    def weeks(self) -> int | None:
        return {"2w": 2, "3w": 3, "4w": 4}.get(self.value)


class SupervisionAgreement(OrganisationDetails):
    """The written agreement of a supervision process; the organisation's contact confirms it.

    OrganisationDetails hold the payer's invoicing details; `client_organisation` is the
    organisation (or unit) whose people are supervised, when it differs from the payer.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the organisation's confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    class Invoicing(models.TextChoices):
        PER_SESSION = "per_session", _("after each session")
        MONTHLY = "monthly", _("monthly, for the sessions held")
        IN_ADVANCE = "in_advance", _("in advance, for the whole series")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("supervisor")
    )
    session_type = models.ForeignKey(
        SessionType, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("session type")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    client_organisation = models.CharField(
        _("client organisation or unit"),
        max_length=200,
        blank=True,
        help_text=_("Whose people are supervised, when it differs from the payer."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact person's email"))
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Names or roles of the people taking part."),
        max_length=2000,
    )
    group_size = models.PositiveSmallIntegerField(_("number of participants"), default=1)
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    session_count = models.PositiveSmallIntegerField(
        _("number of sessions"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    session_minutes = models.PositiveSmallIntegerField(_("length of a session (minutes)"))
    cadence = models.CharField(_("cadence"), max_length=6, choices=Cadence, default=Cadence.EVERY_3_WEEKS)
    modality = models.CharField(_("modality"), max_length=10, choices=Modality)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("place")
    )
    trial_sessions = models.PositiveSmallIntegerField(
        _("trial sessions"),
        default=0,
        validators=[MaxValueValidator(3)],
        help_text=_("The first sessions are a trial; after them either side may stop without further terms."),
    )
    price_per_session = models.DecimalField(
        _("price per session incl. VAT (EUR)"), max_digits=9, decimal_places=2
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=Decimal("25.5"))
    invoicing = models.CharField(
        _("invoicing"), max_length=12, choices=Invoicing, default=Invoicing.PER_SESSION
    )
    payment_days = models.PositiveSmallIntegerField(_("payment term (days net)"), default=14)
    cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=48
    )
    late_cancellation_charged = models.BooleanField(
        _("a later cancellation is charged in full"), default=True
    )
    ending_notice_days = models.PositiveSmallIntegerField(
        _("notice to end early (days)"),
        default=14,
        help_text=_("Either side may end the agreement in writing with this notice."),
    )
    other_terms = models.TextField(_("other terms"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent for confirmation"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.CharField(_("confirmed by"), max_length=200, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision agreement")
        verbose_name_plural = _("supervision agreements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(trial_sessions__lte=3), name="agreement_trial_at_most_3"),
            models.CheckConstraint(condition=Q(session_count__gte=1), name="agreement_sessions_positive"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="agreement_confirmed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name or self.contact_name} ({format_date(self.created_at)})"

    @property
    def payer(self) -> str:
        return self.organisation_name or self.contact_name


class Series(models.Model):
    """The sessions of one supervision process, booked together at one Helsinki local time."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.OneToOneField(
        SupervisionAgreement, on_delete=models.PROTECT, related_name="series", verbose_name=_("agreement")
    )
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="series", verbose_name=_("supervisor")
    )
    session_type = models.ForeignKey(
        SessionType, on_delete=models.PROTECT, related_name="series", verbose_name=_("session type")
    )
    cadence = models.CharField(_("cadence"), max_length=6, choices=Cadence)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by staff"),
    )
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision series")
        verbose_name_plural = _("supervision series")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.agreement.payer} – {self.session_type}"


class SeriesSession(models.Model):
    """One session of a series: its number, its booking, and whether it is a trial or an evaluation."""

    class Evaluation(models.TextChoices):
        NONE = "", _("–")
        MIDPOINT = "mid", _("Mid-point evaluation")
        FINAL = "final", _("Final evaluation")

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="sessions"
    )
    booking = models.OneToOneField(
        Booking, verbose_name=_("booking"), on_delete=models.PROTECT, related_name="series_session"
    )
    number = models.PositiveSmallIntegerField(_("session"))
    trial = models.BooleanField(_("trial session"), default=False)
    evaluation = models.CharField(_("evaluation"), max_length=5, choices=Evaluation, blank=True, default="")

    class Meta:
        verbose_name = _("series session")
        verbose_name_plural = _("series sessions")
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="series_session_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}: {format_when(self.booking.start, self.booking.end)}"
