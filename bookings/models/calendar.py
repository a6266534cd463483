"""The calendar: practitioners, places, session types, working hours and the one calendar table.

Every way of taking a practitioner's time (a booking, a held request, an event, a mediation
meeting, time off, an external busy time) owns one CalendarBlock. On PostgreSQL an exclusion
constraint forbids two active blocks of one practitioner overlapping; on SQLite the writing
action checks inside its (IMMEDIATE) transaction.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _

from core.formats import format_date, format_time, format_when

from .. import policy


class ServiceKind(models.TextChoices):
    SUPERVISION = "supervision", _("Work supervision")
    MEDIATION = "mediation", _("Workplace mediation")
    TALK = "talk", _("Inspiration talk")
    SOUND_RELAXATION = "sound_relaxation", _("Sound relaxation")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Practitioner(models.Model):
    """A person whose calendar can be booked: linked to a staff user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        related_name="practitioner",
    )
    display_name = models.CharField(_("name shown to clients"), max_length=120)
    email = models.EmailField(_("email for notifications"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of notifications"), max_length=8, choices=settings.LANGUAGES, default="fi"
    )
    meeting_url = models.URLField(
        _("video meeting room"),
        blank=True,
        help_text=_("Your own meeting room. Leave empty to give each online session a room of its own."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("practitioner")
        verbose_name_plural = _("practitioners")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


class Location(models.Model):
    """A place of sessions: the practice's own room, a client's premises, or online (how to join a
    video meeting). Its texts are in fi/sv/en (bookings/translation.py); every confirmation and
    reminder carries them in the recipient's language. `entry` (a door code, the bell) goes only into
    those emails and the client's own booking page, never onto a public page."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("The practice's own room")
        CLIENT = "client", _("The client's premises")
        ONLINE = "online", _("Online (video meeting)")

    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.CASCADE, related_name="locations"
    )
    kind = models.CharField(_("kind of place"), max_length=10, choices=Kind, default=Kind.PRACTICE)
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    directions = models.TextField(
        _("how to get there, or how to join"),
        blank=True,
        help_text=_(
            "Sent in every confirmation and reminder. For an online place: how to join the video meeting "
            "(what is needed, when to open the link)."
        ),
        max_length=2000,
    )
    entry = models.TextField(
        _("getting in"),
        blank=True,
        help_text=_(
            "The door code, the bell or the reception: sent in every confirmation and reminder and shown on "
            "the client's own booking page, never on public pages. Write here exactly what the client needs."
        ),
        max_length=2000,
    )
    step_free_access = models.BooleanField(_("step-free access"), null=True, blank=True)
    lift = models.BooleanField(_("lift"), null=True, blank=True)
    induction_loop = models.BooleanField(_("induction loop"), null=True, blank=True)
    parking = models.TextField(_("parking"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            # Online sessions tell how to join from the practitioner's one online place.
            models.UniqueConstraint(
                fields=["practitioner"], condition=Q(kind="online"), name="location_one_online_place"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.address}" if self.address else self.name

    @property
    def is_online(self) -> bool:
        return self.kind == self.Kind.ONLINE

    @property
    def accessibility(self) -> list[tuple[str, bool]]:
        """(feature, available) for each feature the practitioner has told about."""
        features = (
            (_("Step-free access"), self.step_free_access),
            (_("Lift"), self.lift),
            (_("Induction loop"), self.induction_loop),
        )
        return [(str(label), value) for label, value in features if value is not None]


class SessionType(models.Model):
    """Something bookable: its length, buffers, rules, price and how it is confirmed."""

    class Modalities(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        EITHER = "either", _("In person or online")

    class Audience(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")

    class BookingMode(models.TextChoices):
        INSTANT = "instant", _("Instant: the time is booked at once")
        REQUEST = "request", _("Request: the practitioner confirms")

    service = models.CharField(_("service"), max_length=20, choices=ServiceKind)
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)  # fi/sv/en through modeltranslation
    description = models.TextField(
        _("description"), blank=True, max_length=5000
    )  # fi/sv/en through modeltranslation
    practitioners = models.ManyToManyField(
        Practitioner, related_name="session_types", verbose_name=_("practitioners")
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("place of in-person sessions"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(12 * 60)]
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(_("buffer before (minutes)"), default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(_("buffer after (minutes)"), default=15)
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=24)
    horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon (days ahead)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("start times every (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    modalities = models.CharField(
        _("modalities"), max_length=10, choices=Modalities, default=Modalities.EITHER
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience, default=Audience.INDIVIDUAL)
    group_min = models.PositiveSmallIntegerField(_("smallest group"), default=1)
    group_max = models.PositiveSmallIntegerField(_("largest group"), default=1)
    price = models.DecimalField(
        _("price incl. VAT (EUR)"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=Decimal("25.5"))
    booking_mode = models.CharField(
        _("booking mode"), max_length=10, choices=BookingMode, default=BookingMode.INSTANT
    )
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=24
    )
    reminder_lead_hours = models.PositiveSmallIntegerField(_("reminder (hours before)"), default=24)
    is_active = models.BooleanField(_("bookable"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session type")
        verbose_name_plural = _("session types")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_min__lte=models.F("group_max")), name="session_type_group_range"
            ),
            models.CheckConstraint(condition=Q(group_min__gte=1), name="session_type_group_min_positive"),
        ]

    def __str__(self):
        return self.name

    def span(self, start: dt.datetime) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
        """(block start, block end, session end) of a session of this type starting at `start`: the
        calendar time it takes, its buffers included."""
        end = start + dt.timedelta(minutes=self.duration_minutes)
        return (
            *policy.block_span(
                start,
                end,
                buffer_before_minutes=self.buffer_before_minutes,
                buffer_after_minutes=self.buffer_after_minutes,
            ),
            end,
        )

    @property
    def modality_list(self) -> list[str]:
        if self.modalities == self.Modalities.EITHER:
            return [Modality.IN_PERSON, Modality.ONLINE]
        return [self.modalities]


class WeeklyHours(models.Model):
    """A range of working hours on a weekday, for some modalities. Several per day are fine."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    in_person = models.BooleanField(_("in person"), default=True)
    online = models.BooleanField(_("online"), default=True)

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["practitioner", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")), name="weekly_hours_order"
            ),
            models.CheckConstraint(
                condition=Q(in_person=True) | Q(online=True), name="weekly_hours_some_modality"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {format_time(self.start_time)}–{format_time(self.end_time)}"


class DateException(models.Model):
    """A date that differs from the week: extra hours (also opens a public holiday) or closed.

    Closed without times closes the whole day.
    """

    class Kind(models.TextChoices):
        OPEN = "open", _("Extra hours")
        CLOSED = "closed", _("Closed")

    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.CASCADE, related_name="date_exceptions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    in_person = models.BooleanField(_("in person"), default=True)
    online = models.BooleanField(_("online"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("date exception")
        verbose_name_plural = _("date exceptions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(start_time__isnull=True) & Q(end_time__isnull=True))
                | Q(start_time__lt=models.F("end_time")),
                name="date_exception_times",
            ),
            models.CheckConstraint(
                condition=Q(kind="closed") | Q(start_time__isnull=False), name="date_exception_open_has_times"
            ),
        ]

    def __str__(self):
        return f"{format_date(self.date)} {self.get_kind_display()}"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class CalendarBlock(models.Model):
    """A stretch of a practitioner's time that is taken, buffers included. The one guarded table."""

    class Kind(models.TextChoices):
        BOOKING = "booking", _("Booking")
        HOLD = "hold", _("Request waiting for confirmation")
        EVENT = "event", _("Event")
        MEDIATION = "mediation", _("Mediation meeting")
        TIME_OFF = "time_off", _("Time off")
        EXTERNAL = "external", _("Busy in another calendar")

    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.PROTECT, related_name="blocks"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar block")
        verbose_name_plural = _("calendar blocks")
        indexes = [models.Index(fields=["practitioner", "active", "start", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="calendar_block_order"),
            # Applied on PostgreSQL only (see migrations): no two active blocks of one practitioner overlap.
            ExclusionConstraint(
                name="calendar_block_no_overlap",
                expressions=[
                    (TsTzRange("start", "end", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("practitioner", RangeOperators.EQUAL),
                ],
                condition=Q(active=True),
                violation_error_message=_("This time overlaps another one in the calendar."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {format_when(self.start, self.end)}"


class TimeOff(models.Model):
    """Time the practitioner is away (holiday, training): owns a block."""

    practitioner = models.ForeignKey(
        Practitioner, verbose_name=_("practitioner"), on_delete=models.CASCADE, related_name="time_off"
    )
    block = models.OneToOneField(
        CalendarBlock, verbose_name=_("calendar entry"), on_delete=models.PROTECT, related_name="time_off"
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        ordering = ["start"]

    def __str__(self):
        return format_when(self.start, self.end)
