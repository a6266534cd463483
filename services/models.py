"""Content of the public site (editable in admin in fi/sv/en) and the requests organisations send."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_HELP = _(
    "Paragraphs are separated by an empty line. A line starting with ## is a heading, ### a subheading; "
    "lines starting with - make a list, 1. a numbered list, > a quotation. **bold**, [link text](/address/)."
)


class Page(models.Model):
    """One page of the site. The page itself (URL, layout) is code; its words are content."""

    class Key(models.TextChoices):
        HOME = "home", _("Home page")
        SUPERVISION = "supervision", _("Work supervision")
        MEDIATION = "mediation", _("Workplace mediation")
        TALKS = "talks", _("Inspiration talks")
        SOUND_RELAXATION = "sound_relaxation", _("Sound relaxation")
        CONTACT = "contact", _("Contact")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    key = models.CharField(_("page"), max_length=20, choices=Key, unique=True)
    title = models.CharField(_("title"), max_length=120, help_text=_("The main heading and the browser tab."))
    meta_description = models.CharField(
        _("description for search engines"),
        max_length=200,
        blank=True,
        help_text=_("One or two sentences shown in search results and link previews (up to 160 characters)."),
    )
    summary = models.TextField(
        _("short pitch"),
        blank=True,
        help_text=_("Two or three sentences on the home page card of a service."),
        max_length=1000,
    )
    lead = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The first paragraph, under the heading."),
        max_length=2000,
    )
    body = models.TextField(_("text"), blank=True, help_text=TEXT_HELP, max_length=50000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["id"]

    def __str__(self):
        return self.get_key_display()


class PageItem(models.Model):
    """An entry in one of a page's lists: a mediation stage, a talk topic, an occasion, a group served."""

    class Group(models.TextChoices):
        AUDIENCE = "audience", _("Who it is for")
        PROCESS = "process", _("How the process goes")
        STAGE = "stage", _("Mediation stage")
        BENEFIT = "benefit", _("When it helps")
        TOPIC = "topic", _("Talk topic")
        STRUCTURE = "structure", _("Structure of the session")
        OCCASION = "occasion", _("Occasion")
        PREPARATION = "preparation", _("What to tell beforehand")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="items", verbose_name=_("page"))
    group = models.CharField(_("list"), max_length=20, choices=Group)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=50000)
    is_published = models.BooleanField(_("shown on the site"), default=True)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["group", "position", "id"]

    def __str__(self):
        return self.title


class Price(models.Model):
    """A line of a service's price list. An empty amount reads "by quote".

    A line linked to a bookable session type shows that type's price and VAT rate, and a link to book
    it: the price list and the booking then always agree."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="prices", verbose_name=_("page"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=160)
    session_type = models.ForeignKey(
        "bookings.SessionType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("session type"),
        help_text=_(
            "When set, the price and VAT rate come from this session type, and the line links to its booking."
        ),
    )
    amount = models.DecimalField(
        _("price incl. VAT (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for a price given by quote, or when a session type gives the price."),
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=1, default=Decimal("25.5"))
    unit = models.CharField(_("unit"), max_length=80, blank=True, help_text=_("For example: per session"))
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.session_type_id and self.amount is not None:
            raise ValidationError(
                {"amount": _("Leave the price empty: it comes from the session type chosen for this line.")}
            )

    @property
    def shown_amount(self) -> Decimal | None:
        """The price incl. VAT the page shows: the session type's when linked, else the line's own."""
        return self.session_type.price if self.session_type_id else self.amount

    @property
    def shown_vat_rate(self) -> Decimal:
        return self.session_type.vat_rate if self.session_type_id else self.vat_rate

    @property
    def amount_without_vat(self) -> Decimal | None:
        amount = self.shown_amount
        if amount is None:
            return None
        return (amount * 100 / (100 + self.shown_vat_rate)).quantize(Decimal("0.01"))

    @property
    def bookable(self) -> bool:
        return bool(self.session_type_id) and self.session_type.is_active


class ServiceRequest(models.Model):
    """An organisation's request for a talk, a group sound relaxation, group supervision or a mediation."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("Group supervision")
        MEDIATION = "mediation", _("Workplace mediation")
        TALKS = "talks", _("Inspiration talk")
        SOUND_RELAXATION = "sound_relaxation", _("Group sound relaxation")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    class Place(models.TextChoices):
        ON_SITE = "on_site", _("At our premises")
        ONLINE = "online", _("Online")

    class Invoicing(models.TextChoices):
        EINVOICE = "einvoice", _("E-invoice")
        POSTAL = "postal", _("Paper invoice by post")

    kind = models.CharField(_("service"), max_length=20, choices=Kind)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.NEW)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    organisation_name = models.CharField(_("organisation"), max_length=200)
    business_id = models.CharField(_("business ID (Y-tunnus)"), max_length=9)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_dates = models.JSONField(_("preferred dates"), default=list)
    time_preference = models.CharField(_("preferred time of day"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=10, choices=Place, default=Place.ON_SITE)
    address = models.CharField(_("address"), max_length=250, blank=True)
    group_size = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    invoicing = models.CharField(_("invoicing"), max_length=10, choices=Invoicing, blank=True)
    einvoice_address = models.CharField(_("e-invoice address"), max_length=35, blank=True)
    einvoice_operator = models.CharField(_("e-invoice operator"), max_length=60, blank=True)
    postal_address = models.TextField(_("invoicing postal address"), blank=True, max_length=500)
    invoice_reference = models.CharField(_("your reference"), max_length=100, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=5000)
    internal_note = models.TextField(_("internal note"), blank=True, max_length=5000)
    decision_note = models.TextField(
        _("message with the decision"),
        blank=True,
        help_text=_("Sent to the organisation with the confirmation, or the reason for declining."),
        max_length=2000,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    mediation_case = models.OneToOneField(
        "mediation.MediationCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="service_request",
        verbose_name=_("mediation case opened from it"),
    )
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.organisation_name}"
