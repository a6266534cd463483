"""External calendars: the practitioner's busy times read from another calendar, and the private feed.

A source's busy times become CalendarBlocks of kind "external" (start and end only: no titles, no
attendees), so availability and the database guard treat them like any other taken time. Each such
block is linked to the source it came from through ExternalBusyBlock.
"""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bookings.models import CalendarBlock, Practitioner
from privacy.fields import EncryptedTextField

URL_SCHEMES = ["http", "https", "webcal", "webcals"]


class ExternalCalendar(models.Model):
    """One calendar of the practitioner elsewhere (Google, Outlook, iCloud, Nextcloud…).

    The address of an iCalendar URL is as secret as a password (whoever has it reads the whole
    calendar), so it is stored encrypted like the CalDAV app password. `busy_times` keeps the last
    good busy intervals (ISO start and end, nothing else): a failing source keeps them.
    """

    class Kind(models.TextChoices):
        ICS_URL = "ics_url", _("Calendar address (iCalendar URL)")
        CALDAV = "caldav", _("CalDAV calendar")

    practitioner = models.ForeignKey(
        Practitioner,
        on_delete=models.CASCADE,
        related_name="external_calendars",
        verbose_name=_("practitioner"),
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("For yourself, e.g. “Work calendar”.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ICS_URL)
    url = EncryptedTextField(
        _("address"),
        validators=[URLValidator(schemes=URL_SCHEMES)],
        help_text=_(
            "The calendar's secret address in iCalendar format (Google, Outlook, iCloud and "
            "Nextcloud give one), or the address of a CalDAV calendar. Stored encrypted."
        ),
        max_length=2000,
    )
    username = models.CharField(_("CalDAV user name"), max_length=200, blank=True)
    password = EncryptedTextField(
        _("CalDAV app password"),
        blank=True,
        help_text=_("An app password made for this site only, not your main password. Stored encrypted."),
        max_length=500,
    )
    active = models.BooleanField(_("active"), default=True)
    busy_times = models.JSONField(default=list, editable=False)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("external calendar")
        verbose_name_plural = _("external calendars")
        ordering = ["practitioner", "pk"]

    def __str__(self):
        return self.name or f"{self.get_kind_display()} #{self.pk}"


class ExternalBusyBlock(models.Model):
    """Links an external busy block to the calendar it came from (a block belongs to one source)."""

    calendar = models.ForeignKey(
        ExternalCalendar, verbose_name=_("calendar"), on_delete=models.CASCADE, related_name="busy_blocks"
    )
    block = models.OneToOneField(
        CalendarBlock,
        verbose_name=_("calendar entry"),
        on_delete=models.CASCADE,
        related_name="external_source",
    )

    class Meta:
        verbose_name = _("external busy time")
        verbose_name_plural = _("external busy times")

    def __str__(self):
        return str(self.block)


class CalendarFeed(Practitioner):
    """The practitioner seen from the side of their private feed (admin: regenerate the link)."""

    class Meta:
        proxy = True
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
