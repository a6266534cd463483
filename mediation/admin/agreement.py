"""The agreement editor: commitments (who does what by when), publishing for confirmation, and
who has confirmed. Changing a published agreement asks everyone to confirm the new version."""

from django import forms as djforms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formats import format_when

from .. import selectors
from ..actions.agreement import agreement_publish
from ..exceptions import MediationError
from ..models import Agreement, Commitment, MediationCase
from .base import MediatorOnlyMixin


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 1
    fields = ["position", "who", "what", "due_date"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("who", "what"):
            kwargs["widget"] = djforms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # The agreement admin has checked the case; the inline follows its permissions.
    def has_view_permission(self, request, obj=None):
        return obj is None or selectors.may_manage(request.user, obj.case)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


@admin.register(Agreement)
class AgreementAdmin(MediatorOnlyMixin, admin.ModelAdmin):
    change_form_template = "admin/mediation/agreement/change_form.html"
    list_display = ["__str__", "version", "published_at", "completed_at"]
    list_select_related = ["case"]
    fields = ["case", "preamble", "version", "published_at", "completed_at", "confirmed_by"]
    readonly_fields = ["version", "published_at", "completed_at", "confirmed_by"]
    inlines = [CommitmentInline]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "case"] if obj is not None else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            kwargs["queryset"] = selectors.cases_visible_to(request.user).filter(
                status=MediationCase.Status.OPEN, agreement__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("confirmed by"))
    def confirmed_by(self, agreement):
        if agreement.pk is None:
            return "–"
        confirmed = {
            c.party_id: c.confirmed_at for c in agreement.confirmations.filter(version=agreement.version)
        }
        return (
            format_html_join(
                "",
                "<div>{}: {}</div>",
                (
                    (
                        party.name,
                        format_when(confirmed[party.pk]) if party.pk in confirmed else "–",
                    )
                    for party in agreement.case.parties.all()
                ),
            )
            or "–"
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        agreement = form.instance
        changed = form.has_changed() or any(fs.has_changed() for fs in formsets)
        if change and changed and agreement.published_at is not None:
            try:
                agreement_publish(agreement=agreement)
            except MediationError as exc:
                messages.error(request, exc.message)
            else:
                messages.warning(
                    request, _("The agreement changed: every party was asked to confirm the new version.")
                )

    def get_urls(self):
        return [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="mediation_agreement_publish",
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request, pk):
        agreement = self.owned_or_404(request, pk)
        if request.method == "POST":
            try:
                agreement_publish(agreement=agreement)
            except MediationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The agreement was sent to the parties for confirmation."))
        return redirect("admin:mediation_agreement_change", agreement.pk)
