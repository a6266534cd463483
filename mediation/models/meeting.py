"""Meetings of a case and the poll that finds their time."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bookings.models import CalendarBlock, Modality
from core.formats import format_when

from .case import MediationCase, Stage
from .party import Party


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
    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("mediation case")
    )
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
        CalendarBlock,
        verbose_name=_("calendar entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediation_meeting",
    )
    sequence = models.PositiveIntegerField(_("version"), default=0)  # RFC 5545 SEQUENCE
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
        if self.start:
            return f"{self.get_kind_display()} {format_when(self.start, self.end)}"
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def modality(self) -> str | None:
        """How the meeting is held, by its place: online at a video link, in person at any other
        place; None while no place is set (either will do)."""
        place = self.place.strip()
        if not place:
            return None
        return Modality.ONLINE if place.startswith(("http://", "https://")) else Modality.IN_PERSON


class TimeProposal(models.Model):
    """One time the mediator offers for a meeting, free in their calendar when proposed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
    )
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
        return format_when(self.start, self.end)


class TimeVote(models.Model):
    """A party marked a proposed time as suitable."""

    proposal = models.ForeignKey(
        TimeProposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="votes"
    )
    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="votes")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote for a time")
        verbose_name_plural = _("votes for times")
        constraints = [models.UniqueConstraint(fields=["proposal", "party"], name="mediation_vote_once")]

    def __str__(self):
        return f"{self.party_id} → {self.proposal_id}"
