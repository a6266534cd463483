"""The mediator's case page: details, parties (with invitations), stage records, documents,
meetings, check-ins and history; and the views that move the case through its stages."""

import base64

from django.contrib import admin, messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from bookings.access import practitioner_of
from bookings.models import Practitioner
from core.adminpages import object_form_view
from core.headers import attachment_disposition
from privacy.access import Rule, may

from .. import forms, selectors, stages
from ..actions.case import (
    case_close,
    case_move_stage,
    case_reassign,
    case_remind,
    case_send_commission,
    case_setup,
)
from ..exceptions import MediationError, StageNotReady
from ..models import MediationCase, Party, Stage, StageDocument
from .base import MediatorOnlyMixin, confidential_post
from .inlines import DocumentInline, PartyInline, StageRecordInline
from .party_links import PartyLinksMixin


@admin.register(MediationCase)
class MediationCaseAdmin(PartyLinksMixin, MediatorOnlyMixin, admin.ModelAdmin):
    """The case page is a desk (desk_view): the stage and what blocks the next one, each party's
    progress and, for the case's mediator alone, what they sent; meetings, agreement, notes and
    history. The details form (`?edit=1`) is the mediator's; a superuser sees the overview and may
    give the case to another mediator with a reason."""

    case_lookup = ""
    form = forms.CaseAdminForm
    change_form_template = "admin/mediation/mediationcase/change_form.html"
    list_display = ["__str__", "organisation_name", "stage", "status", "mediator", "created_at"]
    list_filter = ["status", "stage"]
    search_fields = ["title", "organisation_name"]
    list_select_related = ["mediator"]
    readonly_fields = [
        "stage",
        "status",
        "outcome",
        "commission_sent_at",
        "commission_confirmed_at",
        "commission_confirmed_by",
        "agreement_status",
        "created_at",
        "closed_at",
        "purged_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "mediator", "stage", "status", "outcome", "agreement_status"]}),
        (
            gettext_lazy("Organisation and invoicing"),
            {
                "classes": ["collapse"],
                "fields": [
                    "organisation_name",
                    "business_id",
                    "einvoice_address",
                    "einvoice_operator",
                    "postal_address",
                    "invoice_reference",
                ],
            },
        ),
        (
            gettext_lazy("Contact person (sees only the schedule and whether an agreement was reached)"),
            {
                "classes": ["collapse"],
                "fields": ["contact_name", "contact_email", "contact_phone", "contact_language"],
            },
        ),
        (
            gettext_lazy("Commissioning agreement"),
            {
                "classes": ["collapse"],
                "fields": [
                    "commission_terms",
                    "price",
                    "vat_rate",
                    "commission_sent_at",
                    "commission_confirmed_at",
                    "commission_confirmed_by",
                ],
            },
        ),
        (
            gettext_lazy("Follow-up"),
            {"classes": ["collapse"], "fields": ["checkin_after_days", "followup_meeting_after_days"]},
        ),
        (
            gettext_lazy("Dates"),
            {"classes": ["collapse"], "fields": ["created_at", "closed_at", "purged_at"]},
        ),
    ]
    # The details form edits parties, notes and documents; meetings, check-ins and the history are
    # read on the desk.
    inlines = [PartyInline, StageRecordInline, DocumentInline]

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request).filter(
            pk__in=selectors.cases_in_view_of(request.user).values("pk")
        )

    def has_module_permission(self, request):
        return may(request.user, Rule.CASE_OVERVIEW)

    def has_view_permission(self, request, obj=None):
        return may(request.user, Rule.CASE_OVERVIEW, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else [PartyInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields.append("mediator")  # given to another mediator only by a superuser (reassign)
            if obj.commission_confirmed_at:
                fields += ["commission_terms", "price", "vat_rate"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "mediator":
            # A practitioner opens a case as its mediator; nobody picks someone else's calendar.
            kwargs["queryset"] = Practitioner.objects.filter(
                pk=getattr(practitioner_of(request.user), "pk", None)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        mediator = practitioner_of(request.user)
        if mediator is not None:
            initial.setdefault("mediator", mediator.pk)
        return initial

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The desk; the details form only for the case's mediator, on `?edit=1` (and its POST)."""
        case = self.get_object(request, object_id)
        if case is None or not self.has_view_permission(request, case):
            raise Http404
        if self.has_change_permission(request, case) and (request.method == "POST" or "edit" in request.GET):
            return super().change_view(request, object_id, form_url, extra_context)
        return self.desk_view(request, case)

    def desk_view(self, request, case):
        show_content = may(request.user, Rule.CASE_CONTENT, case)
        desk = selectors.case_desk(case, show_content=show_content)
        response = TemplateResponse(
            request,
            "admin/mediation/mediationcase/desk.html",
            self._context(
                request,
                case,
                str(case),
                desk=desk,
                may_manage=self.has_change_permission(request, case),
                reassign_form=forms.ReassignForm(case=case) if may(request.user, Rule.ASSIGN, case) else None,
                stages=Stage.choices,
            ),
        )
        response["Cache-Control"] = "no-store"
        return response

    @admin.display(description=gettext_lazy("agreement"))
    def agreement_status(self, case):
        agreement = getattr(case, "agreement", None) if case.pk else None
        if agreement is None:
            return "–"
        confirmed = {
            c.party_id: c
            for c in agreement.confirmations.filter(version=agreement.version).select_related("party")
        }
        state = _("version %(version)s, shown to the parties") % {"version": agreement.version}
        if agreement.published_at is None:
            state = _("draft, not yet shown to the parties")
        who = format_html_join(
            "",
            "<li>{}: {}</li>",
            (
                (p.name, pgettext("agreement", "confirmed") if p.pk in confirmed else _("not confirmed"))
                for p in case.parties.all()
            ),
        )
        url = reverse("admin:mediation_agreement_change", args=[agreement.pk])
        return format_html('<a href="{}">{}</a><ul>{}</ul>', url, state, who)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            case_setup(case=obj, by_user=request.user)  # the same transaction as the save
        elif "contact_email" in form.changed_data:
            self.contact_readdressed(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is StageDocument:
            for document_form in formset.forms:
                if document_form.instance.pk is None:
                    document_form.instance.uploaded_by = request.user
        readdressed = self.readdressed(formset) if formset.model is Party else set()
        super().save_formset(request, form, formset, change)
        if formset.model is Party:
            self.parties_saved(request, formset, readdressed)

    # --- the case's own views -----------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/stage/", view(self.stage_view), name="mediation_case_stage"),
            path("<int:pk>/commission/", view(self.commission_view), name="mediation_case_commission"),
            path("<int:pk>/remind/", view(self.remind_view), name="mediation_case_remind"),
            path("<int:pk>/close/", view(self.close_view), name="mediation_case_close"),
            path("<int:pk>/document/<int:doc>/", view(self.document_view), name="mediation_case_document"),
            path("<int:pk>/reassign/", view(self.reassign_view), name="mediation_case_reassign"),
            *self.party_urls(),
            *super().get_urls(),
        ]

    def _context(self, request, case, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": case,
            "case": case,
            "title": title,
            **extra,
        }

    def _back(self, case):
        return redirect("admin:mediation_mediationcase_change", case.pk)

    @confidential_post
    def stage_view(self, request, pk):
        """Move the case one stage forward (guards checked) or back (with a reason)."""
        case = self.owned_or_404(request, pk)
        form = forms.StageMoveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            forward = form.cleaned_data["direction"] == "forward"
            target = case.stage + 1 if forward else case.stage - 1
            try:
                case_move_stage(
                    case=case, to_stage=target, by_user=request.user, note=form.cleaned_data["note"]
                )
            except StageNotReady as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                case.refresh_from_db()
                messages.success(
                    request, _("The case is now in stage %(stage)s.") % {"stage": case.get_stage_display()}
                )
                return self._back(case)
        facts = selectors.case_facts(case)
        following = stages.next_stage(case.stage)
        previous = stages.previous_stage(case.stage)
        return TemplateResponse(
            request,
            "admin/mediation/mediationcase/stage.html",
            self._context(
                request,
                case,
                _("Stage of the case"),
                form=form,
                facts=facts,
                stages=Stage.choices,
                next_stage=following and Stage(following).label,
                previous_stage=previous and Stage(previous).label,
                missing=StageNotReady(stages.entry_refusals(following, facts)).messages if following else [],
            ),
        )

    def commission_view(self, request, pk):
        case = self.owned_or_404(request, pk)
        if request.method == "POST":
            try:
                case_send_commission(case=case)
            except MediationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("The commissioning agreement was sent to %(name)s.") % {"name": case.contact_name},
                )
        return self._back(case)

    def remind_view(self, request, pk):
        case = self.owned_or_404(request, pk)
        if request.method == "POST":
            try:
                count = case_remind(case=case)
            except MediationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Reminders sent: %(count)s.") % {"count": count})
        return self._back(case)

    @confidential_post
    def close_view(self, request, pk):
        case = self.owned_or_404(request, pk)
        form = forms.CloseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                case_close(case=case, by_user=request.user, **form.cleaned_data)
            except MediationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The case is closed."))
                return self._back(case)
        return TemplateResponse(
            request,
            "admin/mediation/mediationcase/close.html",
            self._context(request, case, _("Close the case"), form=form),
        )

    def document_view(self, request, pk, doc):
        case = self.owned_or_404(request, pk)
        document = StageDocument.objects.filter(case=case, pk=doc).first()
        if document is None:
            return HttpResponse(status=404)
        response = HttpResponse(base64.b64decode(document.data), content_type="application/octet-stream")
        response["Content-Disposition"] = attachment_disposition(document.name)
        response["Cache-Control"] = "no-store"
        return response

    @confidential_post
    def reassign_view(self, request, pk):
        """A superuser gives the case to another mediator, with a reason (POST from the desk)."""
        case = self.get_object(request, str(pk))
        if case is None or not may(request.user, Rule.ASSIGN, case):
            raise Http404
        form = forms.ReassignForm(request.POST or None, case=case)
        return object_form_view(
            self,
            request,
            "admin/mediation/mediationcase/reassign.html",
            obj=case,
            title=_("Give the case to another mediator"),
            form=form,
            save=lambda data: case_reassign(
                case=case, mediator=data["mediator"], by_user=request.user, reason=data["reason"]
            ),
            done=lambda data: (
                _("The case was given to %(name)s; both mediators were told.")
                % {"name": data["mediator"].display_name}
            ),
        )
