"""The practice's own identity: one row, edited in the workspace, with the history of its changes.

`titles`, `intro_short`, `intro_long` and `portrait_alt` are in fi/sv/en (practice/translation.py);
an empty translation shows the Finnish text. Read it through `practice.selectors.profile()`.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

PORTRAIT_DIR = "practice/portrait/"
# The software's name: the practice's name on a first run without PRACTICE_NAME, never its own.
DEFAULT_NAME = "Ohjaamo"


def validate_business_id(value: str) -> None:
    """A Finnish business ID (Y-tunnus) whose check digit matches, written 1234567-8."""
    try:
        ytunnus.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit of this business ID does not match. Please check the number."), code="checksum"
        ) from None
    except StdnumError:
        raise ValidationError(_("Write the business ID in the form 1234567-8."), code="format") from None


def validate_links(value: str) -> None:
    """One web address per line (https:// or http://)."""
    check = URLValidator(schemes=["https", "http"])
    for line in filter(None, (line.strip() for line in value.splitlines())):
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                _("“%(line)s” is not a web address. Write one address per line, starting with https://."),
                code="link",
                params={"line": line},
            ) from None


class PracticeProfile(models.Model):
    """The practice as clients, organisations and authorities see it. One row (pk 1)."""

    name = models.CharField(
        _("practice name"),
        max_length=120,
        help_text=_("Shown in the header, the footer, every email and invoice."),
    )
    practitioner_name = models.CharField(_("practitioner's name"), max_length=120, blank=True)
    titles = models.CharField(
        _("titles"),
        max_length=200,
        blank=True,
        help_text=_("For example: työnohjaaja (STOry), sovittelija"),
    )
    intro_short = models.TextField(
        _("short introduction"),
        blank=True,
        help_text=_("Two or three sentences beside the portrait on the home page (“Who I am”)."),
        max_length=1000,
    )
    intro_long = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "The about page. Paragraphs are separated by an empty line; a line starting with ## is a "
            "heading, - starts a list item."
        ),
        max_length=10000,
    )
    portrait = models.ImageField(
        _("portrait"),
        upload_to=PORTRAIT_DIR,
        blank=True,
        help_text=_(
            "A JPEG, PNG, WebP or AVIF photo, at least 640 pixels wide. Location and camera details are "
            "removed, and smaller copies are made for phones."
        ),
    )
    portrait_alt = models.CharField(
        _("description of the portrait"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. For example: Aino Ohjaaja smiling."),
    )
    # [{"format": "avif"|"webp"|"jpeg", "width": 640, "height": 800, "name": "<storage name>"}, ...]
    portrait_variants = models.JSONField(_("sizes of the portrait"), default=list, blank=True, editable=False)
    email = models.EmailField(_("email"))
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(r"^\+?[\d\s()-]{6,24}$", _("Write a phone number, e.g. +358 40 123 4567."))
        ],
    )
    business_id = models.CharField(
        _("business ID (Y-tunnus)"), max_length=9, blank=True, validators=[validate_business_id]
    )
    vat_registered = models.BooleanField(
        _("registered for VAT"),
        default=True,
        help_text=_(
            "When off, prices are shown without VAT with the legal note (section 3 of the Finnish VAT Act)."
        ),
    )
    einvoice_address = models.CharField(
        _("e-invoice address (OVT/EDI)"), max_length=35, blank=True, help_text=_("For example: 003712345678")
    )
    einvoice_operator = models.CharField(
        _("e-invoice operator"), max_length=35, blank=True, help_text=_("The operator's code, e.g. E204503")
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A Finnish postal code has five digits."))],
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    links = models.TextField(
        _("links"),
        blank=True,
        validators=[validate_links],
        help_text=_("Your professional pages and social media, one address per line (optional)."),
        max_length=2000,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice profile")
        verbose_name_plural = _("practice profile")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="practice_profile_single_row")]

    def __str__(self):
        return self.name

    @property
    def postal_address(self) -> str:
        """`Kalevankatu 12 A 3, 00100 Helsinki`, or empty."""
        town = " ".join(filter(None, [self.postal_code, self.city]))
        return ", ".join(filter(None, [self.street_address, town]))

    @property
    def phone_href(self) -> str:
        """The phone number for a tel: link (no spaces, no brackets)."""
        return re.sub(r"[^\d+]", "", self.phone)

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def vat_id(self) -> str:
        """The EU VAT number (FI + the business ID's digits) of a VAT-registered practice, or empty."""
        if not (self.vat_registered and self.business_id):
            return ""
        return "FI" + ytunnus.compact(self.business_id)


class ProfileChange(models.Model):
    """One saved change of the profile: who, when, and each changed field's old and new value."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # {"field": [old, new], ...}; a new portrait is recorded by its file name.
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("change of the profile")
        verbose_name_plural = _("changes of the profile")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return ", ".join(self.changes)
