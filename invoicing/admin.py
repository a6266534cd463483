"""Invoicing in the workspace: the invoice list (admin's changelist with a status filter that knows
"overdue"), and the pages of views.py under it. Only practitioners and superusers see any of it."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.money import format_euros
from privacy.access import Rule, may

from . import selectors, views
from .models import Invoice


def may_invoice(request) -> bool:
    return may(request.user, Rule.INVOICES)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [*Invoice.Status.choices, ("overdue", _("Overdue"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "overdue":
            return queryset.filter(
                status=Invoice.Status.SENT, kind=Invoice.Kind.INVOICE, due_date__lt=selectors.today()
            )
        if value:
            return queryset.filter(status=value)
        return queryset


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = (
        "label",
        "buyer_name",
        "total_display",
        "status_display",
        "invoice_date",
        "due_date",
        "delivery",
    )
    list_display_links = ("label",)
    list_filter = (StatusFilter, "kind", "delivery")
    search_fields = (
        "number",
        "reference",
        "buyer_name",
        "buyer_business_id",
        "buyer_reference",
        "buyer_email",
    )
    list_per_page = 50
    change_list_template = "invoicing/admin/change_list.html"

    def _allowed(self, request, obj=None) -> bool:
        return may_invoice(request)

    has_module_permission = _allowed
    has_view_permission = _allowed
    has_change_permission = _allowed

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("invoice"), ordering="sequence")
    def label(self, obj):
        return str(obj)

    @admin.display(description=_("total"), ordering="total")
    def total_display(self, obj):
        return format_euros(obj.total)

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj):
        return _("Overdue") if obj.is_overdue(selectors.today()) else obj.get_status_display()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request) or not str(object_id).isdigit():
            raise PermissionDenied
        return views.invoice_view(request, int(object_id), admin=self)

    def get_urls(self):
        def view(fn):
            def guarded(request, *args, **kwargs):
                if not may_invoice(request):
                    raise PermissionDenied
                return fn(request, *args, admin=self, **kwargs)

            return self.admin_site.admin_view(guarded)

        return [
            path("billable/", view(views.billable_view), name="invoicing_invoice_billable"),
            path("billable/draft/", view(views.draft_view), name="invoicing_invoice_draft"),
            path("billable/leave-out/", view(views.leave_out_view), name="invoicing_invoice_leave_out"),
            path("<int:pk>/pdf/", view(views.pdf_view), name="invoicing_invoice_pdf"),
            path("<int:pk>/finvoice/", view(views.finvoice_view), name="invoicing_invoice_finvoice"),
            path("batches/", view(views.batches_view), name="invoicing_invoice_batches"),
            path(
                "batches/<int:pk>/zip/", view(views.batch_download_view), name="invoicing_invoice_batch_zip"
            ),
            path("import/", view(views.import_view), name="invoicing_invoice_import"),
            path("settings/", view(views.settings_view), name="invoicing_invoice_settings"),
            *super().get_urls(),
        ]
