"""The parts of a case its details form edits: parties, stage records (notes) and documents; each
the case's mediator's only (MediatorOnlyMixin). Meetings, check-ins and the history are read on the
case's desk."""

from django import forms as djforms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, stages
from ..models import Party, StageDocument, StageRecord
from .base import CaseInline


class PartyForm(djforms.ModelForm):
    send_invitation = djforms.BooleanField(
        label=gettext_lazy("send invitation"),
        required=False,
        help_text=gettext_lazy("Emails the party a personal link when you save."),
    )

    class Meta:
        model = Party
        fields = ["name", "email", "language", "role"]


class PartyInline(CaseInline):
    model = Party
    form = PartyForm
    fields = ["name", "email", "language", "role", "progress", "send_invitation"]
    readonly_fields = ["progress"]

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, party):
        if party.pk is None:
            return "–"
        intake = selectors.intake_of(party)
        steps = [
            (_("invited"), party.invited_at),
            (_("consented"), party.consent_at),
            (_("form sent"), intake.submitted_at if intake else None),
        ]
        return format_html_join(", ", "{} {}", ((label, "✓" if done else "–") for label, done in steps))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("intake")

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and not obj.is_open:
            fields.remove("send_invitation")
        return fields

    def has_delete_permission(self, request, obj=None):
        # A party may be removed while the case is being prepared; later only by GDPR erasure.
        return obj is None or (obj.is_open and obj.stage == stages.Stage.PREPARATION)


class StageRecordInline(CaseInline):
    model = StageRecord
    fields = ["stage", "notes", "meetings_and_documents"]
    readonly_fields = ["stage", "meetings_and_documents"]
    can_delete = False
    max_num = len(stages.Stage)
    classes = ["collapse"]  # the details form stays a few screens long; opens by its heading
    verbose_name_plural = gettext_lazy("stage records (notes are encrypted and seen only by you)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("case__meetings", "case__documents")

    @admin.display(description=gettext_lazy("meetings and documents"))
    def meetings_and_documents(self, record):
        meetings = [m for m in record.case.meetings.all() if m.stage == record.stage]
        documents = [d for d in record.case.documents.all() if d.stage == record.stage]
        items = [
            (reverse("admin:mediation_meeting_change", args=[m.pk]), f"{m} {m.get_status_display().lower()}")
            for m in meetings
        ] + [
            (reverse("admin:mediation_case_document", args=[record.case_id, d.pk]), d.name) for d in documents
        ]
        return format_html_join(", ", '<a href="{}">{}</a>', items) or "–"


class DocumentInline(CaseInline):
    model = StageDocument
    form = forms.DocumentForm
    fields = ["stage", "upload", "download"]
    readonly_fields = ["download"]
    verbose_name_plural = gettext_lazy("documents (encrypted)")
    classes = ["collapse"]

    @admin.display(description=gettext_lazy("file"))
    def download(self, document):
        if document.pk is None:
            return "–"
        url = reverse("admin:mediation_case_document", args=[document.case_id, document.pk])
        return format_html('<a href="{}">{}</a> ({} B)', url, document.name, document.size)

    def get_fields(self, request, obj=None):
        return ["stage", "upload", "download"]
