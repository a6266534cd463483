"""The profile's form in the workspace: cleaning only (the portrait is checked by its content)."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from . import images
from .models import PracticeProfile

ACCEPT = "image/jpeg,image/png,image/webp,image/avif"


class PracticeProfileForm(forms.ModelForm):
    # A plain file field: the picture is checked by practice.images (clear messages for an SVG or a
    # file that only pretends to be a picture), not by ImageField's generic "not an image".
    portrait = forms.FileField(
        label=_("portrait"),
        required=False,
        widget=AdminFileWidget(attrs={"accept": ACCEPT}),
        help_text=PracticeProfile._meta.get_field("portrait").help_text,
    )

    class Meta:
        model = PracticeProfile
        fields = [
            "name",
            "practitioner_name",
            "titles",
            "intro_short",
            "intro_long",
            "portrait",
            "portrait_alt",
            "email",
            "phone",
            "business_id",
            "vat_registered",
            "einvoice_address",
            "einvoice_operator",
            "street_address",
            "postal_code",
            "city",
            "links",
        ]

    def clean_portrait(self):
        portrait = self.cleaned_data.get("portrait")
        if isinstance(portrait, UploadedFile):
            images.check_upload(portrait)
        return portrait
