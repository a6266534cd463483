"""The practice profile in the workspace: one page (no list, no adding or deleting), every save
through practice.actions.profile_save with its history shown on the page."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.formats import format_when

from .actions import profile_save
from .forms import PracticeProfileForm
from .models import PracticeProfile, ProfileChange
from .selectors import profile

TRANSLATED = ("titles", "intro_short", "intro_long", "portrait_alt")
HISTORY_ROWS = 15


def _in_languages(field: str) -> list[str]:
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]


@admin.register(PracticeProfile)
class PracticeProfileAdmin(TranslationAdmin):
    form = PracticeProfileForm
    change_form_template = "admin/practice/practiceprofile/change_form.html"
    readonly_fields = ["portrait_preview", "history", "updated_at"]
    fieldsets = [
        (
            _("The practice and the practitioner"),
            {"fields": ["name", "practitioner_name", *_in_languages("titles"), "email", "phone", "links"]},
        ),
        (
            _("Introduction"),
            {
                "fields": [*_in_languages("intro_short"), *_in_languages("intro_long")],
                "description": _("The home page shows the short introduction; the about page the long one."),
            },
        ),
        (_("Portrait"), {"fields": ["portrait_preview", "portrait", *_in_languages("portrait_alt")]}),
        (
            _("Business details"),
            {"fields": ["business_id", "vat_registered", "einvoice_address", "einvoice_operator"]},
        ),
        (_("Postal address"), {"fields": ["street_address", "postal_code", "city"]}),
        (_("History"), {"fields": ["updated_at", "history"]}),
    ]

    def has_add_permission(self, request):
        return False  # one row, made on first use

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is no list: the profile's page."""
        return redirect(reverse("admin:practice_practiceprofile_change", args=[profile().pk]))

    def save_model(self, request, obj, form, change):
        profile_save(profile=obj, by=request.user)

    @admin.display(description=_("now on the site"))
    def portrait_preview(self, obj):
        return render_to_string(
            "practice/partials/admin_portrait.html", {"practice": obj, "home_url": reverse("services:home")}
        )

    @admin.display(description=_("changes"))
    def history(self, obj):
        rows = ProfileChange.objects.select_related("by").order_by("-at", "-pk")[:HISTORY_ROWS]
        if not rows:
            return _("No changes saved yet.")
        return format_html(
            "<ul class='practice-history'>{}</ul>",
            format_html_join(
                "",
                "<li>{} · {} · {}</li>",
                (
                    (
                        format_when(row.at),
                        row.by.get_username() if row.by else _("the system"),
                        ", ".join(str(_field_label(name)) for name in row.changes),
                    )
                    for row in rows
                ),
            ),
        )


def _field_label(name: str) -> str:
    base, _sep, code = name.rpartition("_")
    if base in TRANSLATED and code in dict(settings.LANGUAGES):
        return f"{PracticeProfile._meta.get_field(base).verbose_name} ({code})"
    return PracticeProfile._meta.get_field(name).verbose_name
