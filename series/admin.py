"""Supervision series and their agreements in admin.

A series is booked by the organisation on the public pages; here the practitioner confirms or
declines a requested series, cancels what is left, edits the agreement's terms and sends it for
confirmation, or ends a process early. Every change goes through bookings.actions.series.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError

from . import selectors as selectors_series
from .actions.agreement import agreement_end, agreement_send, agreement_update
from .actions.series import series_cancel_rest, series_confirm, series_decline
from .models import Series, SeriesSession, SupervisionAgreement


def _each(model_admin, request, queryset, do, done_message) -> None:
    done = 0
    for obj in queryset:
        try:
            do(obj)
            done += 1
        except DomainError as exc:
            model_admin.message_user(request, f"{obj}: {exc.message}", messages.WARNING)
    if done:
        model_admin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


class SeriesSessionInline(admin.TabularInline):
    model = SeriesSession
    extra = 0
    can_delete = False
    fields = ["number", "session_start", "session_status", "trial", "evaluation", "booking"]
    readonly_fields = ["number", "session_start", "session_status", "booking"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("booking")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("time"))
    def session_start(self, session):
        return session.booking.start

    @admin.display(description=_("status"))
    def session_status(self, session):
        return session.booking.get_status_display()


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "practitioner", "cadence", "counts", "agreement_status", "created_at"]
    list_filter = ["practitioner", "session_type", "agreement__status"]
    search_fields = ["agreement__organisation_name", "agreement__contact_name", "agreement__contact_email"]
    readonly_fields = ["agreement", "practitioner", "session_type", "cadence", "created_by", "created_at"]
    fields = readonly_fields
    inlines = [SeriesSessionInline]
    actions = ["confirm", "decline", "cancel_rest"]

    def get_queryset(self, request):
        return selectors_series.series_for_admin().prefetch_related("sessions__booking")

    def has_add_permission(self, request):
        return False  # booked through the series pages, with every time checked together

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sessions used / left"))
    def counts(self, series):
        counts = selectors_series.series_counts(series)
        return f"{counts.used} / {counts.left}"

    @admin.display(description=_("agreement"))
    def agreement_status(self, series):
        return series.agreement.get_status_display()

    @admin.action(description=_("Confirm the requested sessions of selected series (the contact is told)"))
    def confirm(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: series_confirm(series=s, by_user=request.user),
            _("%(count)s series confirmed."),
        )

    @admin.action(description=_("Decline the requested sessions of selected series (the contact is told)"))
    def decline(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: series_decline(series=s, by_user=request.user),
            _("%(count)s series declined."),
        )

    @admin.action(description=_("Cancel the remaining sessions of selected series (the contact is told)"))
    def cancel_rest(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: series_cancel_rest(series=s, by_user=request.user),
            _("%(count)s series: remaining sessions cancelled."),
        )


@admin.register(SupervisionAgreement)
class SupervisionAgreementAdmin(admin.ModelAdmin):
    list_display = ["payer", "contact_name", "practitioner", "session_count", "status", "confirmed_at"]
    list_filter = ["status", "practitioner"]
    search_fields = ["organisation_name", "business_id", "contact_name", "contact_email"]
    readonly_fields = [
        "status",
        "sent_at",
        "confirmed_at",
        "confirmed_by",
        "ended_at",
        "created_at",
        "updated_at",
    ]
    actions = ["send", "end"]
    fieldsets = [
        (
            None,
            {"fields": ["status", "practitioner", "session_type", "sent_at", "confirmed_at", "confirmed_by"]},
        ),
        (
            _("Client organisation and payer"),
            {
                "fields": [
                    "organisation_name",
                    "business_id",
                    "client_organisation",
                    "einvoice_address",
                    "einvoice_operator",
                    "postal_address",
                    "invoice_reference",
                ]
            },
        ),
        (_("Contact person"), {"fields": ["contact_name", "contact_email", "contact_phone", "language"]}),
        (_("Participants and goals"), {"fields": ["group_size", "participants", "goals"]}),
        (
            _("Sessions"),
            {
                "fields": [
                    "session_count",
                    "session_minutes",
                    "cadence",
                    "modality",
                    "location",
                    "trial_sessions",
                ]
            },
        ),
        (
            _("Price and terms"),
            {
                "fields": [
                    "price_per_session",
                    "vat_rate",
                    "invoicing",
                    "payment_days",
                    "cancellation_hours",
                    "late_cancellation_charged",
                    "ending_notice_days",
                    "other_terms",
                ]
            },
        ),
        (
            _("History and details"),
            {"fields": ["ended_at", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        agreement_update(agreement=obj, changed=form.changed_data)
        if change and form.changed_data and obj.status == SupervisionAgreement.Status.CONFIRMED:
            self.message_user(
                request,
                _("The agreement was confirmed before this change: send it again for confirmation."),
                messages.WARNING,
            )

    @admin.action(description=_("Send selected agreements to the contact person for confirmation"))
    def send(self, request, queryset):
        _each(self, request, queryset, lambda a: agreement_send(agreement=a), _("%(count)s sent."))

    @admin.action(description=_("End selected agreements early (remaining sessions are cancelled)"))
    def end(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda a: agreement_end(agreement=a, by_user=request.user),
            _("%(count)s ended."),
        )
