"""Site content in fi/sv/en (with what is still untranslated) and the requests from organisations."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.translator import translator

from core.formats import format_date
from privacy.access import Rule, may

from . import actions
from .exceptions import RequestError
from .models import Page, PageItem, Price, ServiceRequest

OTHER_LANGUAGES = [
    code for code, _name in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
]


def missing_translations(obj) -> dict[str, list[str]]:
    """{language: [field labels]} of texts written in Finnish but not yet in that language."""
    fields = translator.get_options_for_model(type(obj)).fields
    missing: dict[str, list[str]] = {}
    for name in fields:
        if not getattr(obj, f"{name}_fi", ""):
            continue
        label = str(obj._meta.get_field(name).verbose_name)
        for code in OTHER_LANGUAGES:
            if not getattr(obj, f"{name}_{code}", ""):
                missing.setdefault(code, []).append(label)
    return missing


def _describe(missing: dict[str, list[str]]) -> str:
    names = dict(settings.LANGUAGES)
    return format_html_join(
        "",
        "<div><strong>{}</strong>: {}</div>",
        ((names[code], ", ".join(labels)) for code, labels in missing.items()),
    )


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation missing")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES if code in OTHER_LANGUAGES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in OTHER_LANGUAGES:
            return queryset
        condition = Q()
        for name in translator.get_options_for_model(queryset.model).fields:
            filled_fi = ~Q(**{f"{name}_fi": ""}) & Q(**{f"{name}_fi__isnull": False})
            empty = Q(**{f"{name}_{code}": ""}) | Q(**{f"{name}_{code}__isnull": True})
            condition |= filled_fi & empty
        item_condition = Q()
        for name in ("title", "text"):
            filled_fi = ~Q(**{f"items__{name}_fi": ""}) & Q(**{f"items__{name}_fi__isnull": False})
            empty = Q(**{f"items__{name}_{code}": ""}) | Q(**{f"items__{name}_{code}__isnull": True})
            item_condition |= filled_fi & empty
        return queryset.filter(condition | item_condition).distinct()


class PageItemInline(TranslationStackedInline):
    model = PageItem
    extra = 0
    fields = ["group", "position", "is_published", "title", "text"]


class PriceInline(TranslationTabularInline):
    model = Price
    extra = 0
    fields = ["position", "name", "session_type", "amount", "vat_rate", "unit", "note"]


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ["__str__", "title", "translations", "updated_at"]
    list_filter = [MissingTranslationFilter]
    readonly_fields = ["key", "translation_status", "updated_at"]
    inlines = [PageItemInline, PriceInline]

    def get_fieldsets(self, request, obj=None):
        sets = [(None, {"fields": ["key", "translation_status", "updated_at"]})]
        for code, name in settings.LANGUAGES:
            fields = [f"{field}_{code}" for field in ("title", "meta_description", "summary", "lead", "body")]
            sets.append((name, {"fields": fields, "classes": [] if code == "fi" else ["collapse"]}))
        return sets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items", "prices")

    def has_add_permission(self, request):
        return False  # pages are code (URL, layout); their words are content

    def has_delete_permission(self, request, obj=None):
        return False

    def _missing(self, obj) -> dict[str, list[str]]:
        missing = missing_translations(obj)
        for related, label in ((obj.items.all(), _("list entries")), (obj.prices.all(), _("prices"))):
            for code in OTHER_LANGUAGES:
                count = sum(1 for row in related if code in missing_translations(row))
                if count:
                    missing.setdefault(code, []).append(f"{label} ({count})")
        return missing

    @admin.display(description=_("missing translations"))
    def translations(self, obj):
        missing = self._missing(obj)
        return _describe(missing) if missing else format_html("✓ {}", _("complete"))

    @admin.display(description=_("missing translations"))
    def translation_status(self, obj):
        missing = self._missing(obj)
        if not missing:
            return _("Every text is translated into Swedish and English.")
        return format_html(
            "{}{}", _describe(missing), _("An empty translation shows the Finnish text on the site.")
        )


@admin.action(description=_("Mark as in progress"))
def mark_in_progress(modeladmin, request, queryset):
    actions.request_set_status(requests=queryset, status=ServiceRequest.Status.IN_PROGRESS)


@admin.action(description=_("Mark as closed"))
def mark_closed(modeladmin, request, queryset):
    actions.request_set_status(requests=queryset, status=ServiceRequest.Status.CLOSED)


def _decide_each(modeladmin, request, queryset, decide, done_message) -> None:
    done = 0
    for service_request in queryset:
        try:
            decide(service_request)
        except RequestError as exc:
            modeladmin.message_user(request, f"{service_request}: {exc.message}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


@admin.action(description=_("Confirm selected requests (the organisation is told by email)"))
def confirm_requests(modeladmin, request, queryset):
    _decide_each(
        modeladmin,
        request,
        queryset,
        lambda r: actions.request_confirm(request=r, by_user=request.user),
        _("%(count)s confirmed; each organisation is told by email."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining (sent to the organisation)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@admin.action(description=_("Decline selected requests (the organisation is told, with a reason)"))
def decline_requests(modeladmin, request, queryset):
    """First a page asking the reason (sent to every organisation selected), then the decline."""
    form = DeclineForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _decide_each(
            modeladmin,
            request,
            queryset,
            lambda r: actions.request_decline(request=r, by_user=request.user, reason=reason),
            _("%(count)s declined; each organisation is told by email, with the reason."),
        )
        return None
    return TemplateResponse(
        request,
        "services/admin/decline_requests.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Decline requests"),
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
        status=400 if form.is_bound else 200,
    )


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    change_form_template = "services/admin/request_change_form.html"
    list_display = [
        "created_at",
        "kind",
        "organisation_name",
        "contact_name",
        "group_size",
        "dates",
        "status",
    ]
    list_filter = ["status", "kind", "language", "created_at"]
    search_fields = ["organisation_name", "business_id", "contact_name", "email", "phone"]
    date_hierarchy = "created_at"
    actions = [confirm_requests, decline_requests, mark_in_progress, mark_closed]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["kind", "status", "internal_note", "created_at", "language"]}),
        (
            _("Decision"),
            {
                "fields": ["decision_note", "decided_at", "decided_by"],
                "description": _(
                    "Confirm or decline in the workspace's Requests waiting, or with the actions of "
                    "the list: the organisation is told by email, in the language they wrote in."
                ),
            },
        ),
        (
            _("Organisation"),
            {
                "fields": [
                    "organisation_name",
                    "business_id",
                    "contact_name",
                    "contact_role",
                    "email",
                    "phone",
                ]
            },
        ),
        (
            _("What and when"),
            {
                "fields": [
                    "dates",
                    "time_preference",
                    "place",
                    "address",
                    "group_size",
                    "topic",
                    "occasion",
                    "message",
                ]
            },
        ),
        (
            _("Invoicing"),
            {
                "fields": [
                    "invoicing",
                    "einvoice_address",
                    "einvoice_operator",
                    "postal_address",
                    "invoice_reference",
                ]
            },
        ),
    ]
    readonly_fields = [
        "kind",
        "status",
        "decision_note",
        "decided_at",
        "decided_by",
        "created_at",
        "language",
        "organisation_name",
        "business_id",
        "contact_name",
        "contact_role",
        "email",
        "phone",
        "dates",
        "time_preference",
        "place",
        "address",
        "group_size",
        "topic",
        "occasion",
        "message",
        "message_hidden",
        "invoicing",
        "einvoice_address",
        "einvoice_operator",
        "postal_address",
        "invoice_reference",
    ]

    def has_add_permission(self, request):
        return False  # requests come from the site's forms

    @admin.display(description=_("preferred dates"))
    def dates(self, obj):
        return ", ".join(format_date(dt.date.fromisoformat(value)) for value in obj.preferred_dates)

    @admin.display(description=_("message"))
    def message_hidden(self, obj):
        return _("(shown to the mediators only)")

    def get_fieldsets(self, request, obj=None):
        """A mediation request's message tells of a conflict: practitioners read it, other staff don't."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.kind != ServiceRequest.Kind.MEDIATION or may(request.user, Rule.CASE_MANAGE):
            return fieldsets
        hide = {"message": "message_hidden"}
        return [(name, {**o, "fields": [hide.get(f, f) for f in o["fields"]]}) for name, o in fieldsets]

    def get_urls(self):
        view = self.admin_site.admin_view(self.open_case_view)
        return [
            path("<int:pk>/open-case/", view, name="services_servicerequest_open_case"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {"may_open_case": obj is not None and _may_open_case(request.user, obj)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def open_case_view(self, request, pk):
        """GET: what the case will hold, and the request's message, shown this once; POST opens it."""
        service_request = get_object_or_404(ServiceRequest, pk=pk, kind=ServiceRequest.Kind.MEDIATION)
        if not _may_open_case(request.user, service_request):
            raise Http404
        form = OpenCaseForm(request.POST or None, initial={"title": service_request.organisation_name})
        if request.method == "POST" and form.is_valid():
            try:
                case = actions.request_open_case(
                    request=service_request,
                    mediator=request.user.practitioner,
                    title=form.cleaned_data["title"],
                    by_user=request.user,
                )
            except RequestError as exc:
                self.message_user(request, exc.message, messages.WARNING)
                return redirect(reverse("admin:services_servicerequest_change", args=[pk]))
            self.message_user(request, _("The mediation case was opened in stage 1."), messages.SUCCESS)
            return redirect(reverse("admin:mediation_mediationcase_change", args=[case.pk]))
        return TemplateResponse(
            request,
            "services/admin/open_case.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Open a mediation case"),
                "opts": self.model._meta,
                "original": service_request,
                "form": form,
            },
            status=400 if form.is_bound else 200,
        )


class OpenCaseForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the case"),
        max_length=200,
        help_text=_("For you only: parties and the organisation never see it. Avoid names."),
    )


def _may_open_case(user, service_request: ServiceRequest) -> bool:
    """A practitioner (a mediator-to-be) may open a case from a mediation request still open."""
    return (
        service_request.kind == ServiceRequest.Kind.MEDIATION
        and service_request.mediation_case_id is None
        and service_request.status in actions.OPEN
        and may(user, Rule.CASE_MANAGE)
    )
