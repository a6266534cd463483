"""Open group events with seats, and their waitlist.

An Event owns one CalendarBlock (the practitioner's time, taken through the calendar guard).
Seats are not blocks: they are SeatBooking rows, counted together with the unexpired waitlist
offers under a lock on the Event row (see events/actions/settle.py). Nothing here is a counter
that could drift: the seats left are always derived from the rows.
"""

import json
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bookings.models import CalendarBlock, Location, Modality, Practitioner, SessionType
from core.formats import format_when
from privacy.fields import EncryptedTextField


class Event(models.Model):
    """A scheduled group session with a number of seats, e.g. an open sound relaxation evening."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not shown)")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # stable calendar UID
    session_type = models.ForeignKey(
        SessionType,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("session type"),
        limit_choices_to={"audience": SessionType.Audience.GROUP},
    )
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="events", verbose_name=_("practitioner")
    )
    block = models.OneToOneField(
        CalendarBlock, on_delete=models.PROTECT, related_name="event", editable=False
    )
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    # In fi, sv and en through django-modeltranslation (events/translation.py): title_fi, title_sv, ...
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    modality = models.CharField(_("modality"), max_length=10, choices=Modality, default=Modality.IN_PERSON)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("place")
    )
    place_note = models.CharField(
        _("more about the place"),
        max_length=200,
        blank=True,
        help_text=_("For example the room, or what to bring (a blanket, a pillow)."),
    )
    meeting_url = models.URLField(_("video meeting link"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    max_seats_per_booking = models.PositiveSmallIntegerField(
        _("most seats in one booking"), default=4, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    price_per_seat = models.DecimalField(
        _("price per seat incl. VAT (EUR)"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=Decimal("25.5"))
    registration_deadline = models.DateTimeField(
        _("registration closes"), help_text=_("No seats are booked or offered after this.")
    )
    asks_health_declaration = models.BooleanField(
        _("asks the health self-declaration"),
        default=True,
        help_text=_("For sound relaxation: implants, epilepsy, pregnancy, recent surgery, thrombosis."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED)
    sequence = models.PositiveIntegerField(
        _("version"), default=0
    )  # RFC 5545 SEQUENCE, raised on every change
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        indexes = [models.Index(fields=["status", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="event_order"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(max_seats_per_booking__gte=1), name="event_max_seats_positive"
            ),
        ]

    def __str__(self):
        return f"{self.title}, {format_when(self.start, self.end)}"


class HealthCondition(models.TextChoices):
    """The sound relaxation self-declaration: things the practitioner needs to know beforehand."""

    IMPLANT = "implant", _("A pacemaker or another implant (e.g. metal or electronic)")
    EPILEPSY = "epilepsy", _("Epilepsy")
    PREGNANCY = "pregnancy", _("Pregnancy")
    SURGERY = "surgery", _("Surgery in the last three months")
    THROMBOSIS = "thrombosis", _("Thrombosis")


def health_answers(conditions: list[str], other: str) -> str:
    """The self-declaration as stored (encrypted): only what was declared, nothing when nothing was."""
    known = [c for c in HealthCondition.values if c in set(conditions)]
    other = other.strip()
    if not known and not other:
        return ""
    return json.dumps({"conditions": known, "other": other}, ensure_ascii=False)


class SeatBooking(models.Model):
    """Seats one person booked for an event (for themselves and maybe friends).

    The health self-declaration is health data (GDPR art. 9): stored only with explicit consent
    (consent_at), encrypted at rest, shown only to the event's practitioner and superusers, and
    purged EVENT_HEALTH_RETENTION_DAYS after the event.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="seat_bookings"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    health_answers = EncryptedTextField(_("health self-declaration"), blank=True)
    health_consent_at = models.DateTimeField(_("consent to health data given"), null=True, blank=True)
    health_purged_at = models.DateTimeField(_("health data purged"), null=True, blank=True)
    price_per_seat = models.DecimalField(_("price per seat incl. VAT (EUR)"), max_digits=9, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("seat booking")
        verbose_name_plural = _("seat bookings")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"]), models.Index(fields=["email"])]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="seat_booking_seats_positive"),
            models.CheckConstraint(
                condition=Q(health_answers="") | Q(health_consent_at__isnull=False),
                name="seat_booking_health_needs_consent",
            ),
        ]

    def __str__(self):
        return f"{self.name} × {self.seats}"

    @property
    def health(self) -> dict:
        """The declaration as {"conditions": [...], "other": "..."} (empty when none or purged)."""
        if not self.health_answers:
            return {}
        return json.loads(self.health_answers)

    @property
    def health_summary(self) -> str:
        """The declaration in words, for the practitioner (in the active language)."""
        health = self.health
        labels = dict(HealthCondition.choices)
        parts = [str(labels.get(c, c)) for c in health.get("conditions", [])]
        if health.get("other"):
            parts.append(health["other"])
        return "; ".join(parts)


class WaitlistEntry(models.Model):
    """A place in an event's waitlist. When seats free up, the first entry in line whose seats fit
    gets an offer: the seats are held for it until `offer_expires_at`, then pass to the next."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Seats offered")
        CLAIMED = "claimed", _("Seats taken")
        EXPIRED = "expired", _("Offer expired")
        DECLINED = "declined", _("Offer declined")
        LEFT = "left", _("Left the waitlist")
        CLOSED = "closed", _("Closed (event over or cancelled)")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="waitlist"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    seats = models.PositiveSmallIntegerField(_("seats wanted"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.WAITING)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    seat_booking = models.OneToOneField(
        SeatBooking,
        verbose_name=_("seat booking"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="waitlist_entry",
    )
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        ordering = ["joined_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "joined_at"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="waitlist_seats_positive"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="waitlist_offer_has_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.name} × {self.seats} ({self.get_status_display()})"
