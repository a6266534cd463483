"""One-off bookings: a client's session at one time with one practitioner, its history and the
client's check-in answer."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.formats import format_when

from .. import policy
from .calendar import CalendarBlock, Location, Modality, Practitioner, SessionType


class OrganisationDetails(models.Model):
    """Invoicing details of an organisation that pays, as Finnish organisations give them."""

    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    business_id = models.CharField(_("business ID (Y-tunnus)"), max_length=9, blank=True)
    einvoice_address = models.CharField(_("e-invoice address"), max_length=35, blank=True)
    einvoice_operator = models.CharField(_("e-invoice operator"), max_length=35, blank=True)
    postal_address = models.TextField(_("invoicing postal address"), blank=True, max_length=500)
    invoice_reference = models.CharField(_("your reference"), max_length=100, blank=True)

    class Meta:
        abstract = True


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("No-show")


# The vocabulary of booking states, used everywhere a set of them is meant.
LIVE = frozenset({BookingStatus.REQUESTED, BookingStatus.CONFIRMED})  # to take place, or waiting
HELD = frozenset({BookingStatus.COMPLETED, BookingStatus.NO_SHOW})  # its time has come and gone
ON_CALENDAR = LIVE | {BookingStatus.COMPLETED}  # what the practitioner's calendar and agenda show
BILLABLE = frozenset({BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW})


class BookingQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE)

    def held(self):
        return self.filter(status__in=HELD)

    def on_calendar(self):
        return self.filter(status__in=ON_CALENDAR)

    def billable(self):
        return self.filter(status__in=BILLABLE)


class Booking(OrganisationDetails):
    """A client's session at one time with one practitioner."""

    Status = BookingStatus

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # stable calendar UID
    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.PROTECT, related_name="bookings"
    )
    session_type = models.ForeignKey(
        SessionType, verbose_name=_("session type"), on_delete=models.PROTECT, related_name="bookings"
    )
    block = models.OneToOneField(
        CalendarBlock, verbose_name=_("calendar entry"), on_delete=models.PROTECT, related_name="booking"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    modality = models.CharField(_("modality"), max_length=10, choices=Modality)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("place")
    )
    meeting_url = models.URLField(_("video meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    client_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    group_size = models.PositiveSmallIntegerField(_("number of participants"), default=1)
    notes = models.TextField(_("message to the practitioner"), blank=True, max_length=2000)
    internal_note = models.TextField(_("internal note"), blank=True, max_length=5000)
    price = models.DecimalField(_("price incl. VAT (EUR)"), max_digits=9, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1)
    # The free-cancellation cutoff the client accepted (the session type's, or the agreement's).
    cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=24
    )
    sequence = models.PositiveIntegerField(
        _("version"), default=0
    )  # RFC 5545 SEQUENCE, raised on every change
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by staff"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [models.Index(fields=["status", "start"]), models.Index(fields=["email"])]
        constraints = [models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="booking_order")]

    def __str__(self):
        return f"{self.client_name}, {format_when(self.start, self.end)}"

    @property
    def is_live(self) -> bool:
        """Still to take place or waiting for confirmation."""
        return self.status in LIVE

    @property
    def cancellation_cutoff(self):
        """Until when the client may cancel or move it themselves (the terms they booked under)."""
        return policy.cancellation_cutoff(self.start, self.cancellation_hours)

    def can_change_online(self, now) -> bool:
        """Whether the client may still cancel or move it through their personal link."""
        return policy.can_change_online(
            start=self.start, cutoff_hours=self.cancellation_hours, live=self.is_live, now=now
        )


class BookingChange(models.Model):
    """The history of a booking: who did what, when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        REQUESTED = "requested", _("requested")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        RESCHEDULED = "rescheduled", _("rescheduled")
        CANCELLED = "cancelled", _("cancelled")
        COMPLETED = "completed", _("marked completed")
        NO_SHOW = "no_show", _("marked no-show")
        EDITED = "edited", _("edited")

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=12, choices=Action)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by staff"),
    )
    by_client = models.BooleanField(_("by the client"), default=False)
    old_start = models.DateTimeField(_("old start"), null=True, blank=True)
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("booking change")
        verbose_name_plural = _("booking changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {format_when(self.at)}"


class Feedback(models.Model):
    """The client's short check-in after a session."""

    booking = models.OneToOneField(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helped = models.TextField(_("what helped"), blank=True, max_length=2000)
    change = models.TextField(_("what to change"), blank=True, max_length=2000)
    wants_next = models.BooleanField(_("would like a next session"), default=False)
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in answer")
        verbose_name_plural = _("check-in answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_range"
            )
        ]

    def __str__(self):
        return f"{self.booking} {self.rating}/5"
