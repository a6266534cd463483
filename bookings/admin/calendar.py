"""The practitioner's admin for the calendar: session types, time off, bookings (practitioners and
their places: practitioner.py).

State changes go through bookings.actions (the same rules and guard as the public flow)."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.exceptions import DomainError

from ..actions.booking import booking_confirm, booking_decline
from ..actions.change import booking_cancel
from ..actions.hours import time_off_add, time_off_remove, time_off_update
from ..actions.record import booking_edit, booking_mark
from ..cache import calendar_changed
from ..models import (
    Booking,
    BookingChange,
    CalendarBlock,
    SessionType,
    TimeOff,
)
from .filters import StartDateRangeFilter


@admin.register(SessionType)
class SessionTypeAdmin(TranslationAdmin):
    """Session types in three languages. A saved change shows at once on the cached booking pages."""

    list_display = ["name", "service", "duration_minutes", "price", "booking_mode", "is_active", "position"]
    list_editable = ["is_active", "position"]
    # A group type starts at the usual size of group supervision; an individual type ignores the range.
    NEW_GROUP_RANGE = {"group_min": 3, "group_max": 6}
    list_filter = ["service", "booking_mode", "audience", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["practitioners"]
    fieldsets = [
        (
            None,
            {"fields": ["service", "name", "slug", "description", "practitioners", "is_active", "position"]},
        ),
        (
            _("Time"),
            {
                "fields": [
                    "duration_minutes",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "slot_step_minutes",
                    "min_notice_hours",
                    "horizon_days",
                ]
            },
        ),
        (_("Who and where"), {"fields": ["modalities", "location", "audience", "group_min", "group_max"]}),
        (
            _("Price and rules"),
            {
                "fields": [
                    "price",
                    "vat_rate",
                    "booking_mode",
                    "cancellation_cutoff_hours",
                    "reminder_lead_hours",
                ]
            },
        ),
    ]

    def get_changeform_initial_data(self, request):
        return {**self.NEW_GROUP_RANGE, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        calendar_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        calendar_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        calendar_changed()


class TimeOffForm(forms.ModelForm):
    OVERLAP = _("This time overlaps bookings or other blocks in the calendar. Move or cancel them first.")

    class Meta:
        model = TimeOff
        fields = ["practitioner", "start", "end", "reason"]

    def clean(self):
        data = super().clean()
        start, end, practitioner = data.get("start"), data.get("end"), data.get("practitioner")
        if start and end and start >= end:
            self.add_error("end", _("The end must be after the start."))
        elif start and end and practitioner:
            taken = CalendarBlock.objects.filter(
                practitioner=practitioner, active=True, start__lt=end, end__gt=start
            )
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.block_id)
            if taken.exists():
                raise forms.ValidationError(self.OVERLAP)
        return data


@admin.register(TimeOff)
class TimeOffAdmin(admin.ModelAdmin):
    form = TimeOffForm
    list_display = ["practitioner", "start", "end", "reason"]
    list_filter = ["practitioner"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        """Through bookings.actions, as on the weekly grid: the calendar guard takes the time."""
        data = {name: form.cleaned_data[name] for name in ("practitioner", "start", "end", "reason")}
        if change:
            time_off_update(time_off=obj, **data)
        else:
            added = time_off_add(**data)
            obj.pk, obj.block = added.pk, added.block

    def delete_model(self, request, obj):
        time_off_remove(time_off=obj)

    def delete_queryset(self, request, queryset):
        # admin's "delete selected" would delete the rows and leave their time blocked
        with transaction.atomic():
            for time_off in queryset.select_related("block"):
                time_off_remove(time_off=time_off)


class BookingChangeInline(admin.TabularInline):
    model = BookingChange
    extra = 0
    can_delete = False
    fields = ["at", "action", "by_user", "by_client", "old_start", "new_start", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["start", "client_name", "session_type", "modality", "status", "organisation_name"]
    list_filter = [
        StartDateRangeFilter,
        "status",
        "session_type__service",
        "session_type",
        "modality",
        "practitioner",
    ]
    search_fields = ["client_name", "email", "phone", "organisation_name", "business_id", "invoice_reference"]
    date_hierarchy = "start"
    list_select_related = ["session_type"]
    inlines = [BookingChangeInline]
    readonly_fields = [
        "practitioner",
        "session_type",
        "start",
        "end",
        "modality",
        "status",
        "price",
        "vat_rate",
        "sequence",
        "created_by",
        "created_at",
        "updated_at",
        "cancelled_at",
        "decline_reason",
        "meeting_url",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "session_type",
                    "practitioner",
                    "start",
                    "end",
                    "modality",
                    "location",
                    "meeting_url",
                ]
            },
        ),
        (_("Client"), {"fields": ["client_name", "email", "phone", "language", "group_size", "notes"]}),
        (
            _("Invoicing"),
            {
                "fields": [
                    "organisation_name",
                    "business_id",
                    "einvoice_address",
                    "einvoice_operator",
                    "postal_address",
                    "invoice_reference",
                    "price",
                    "vat_rate",
                ]
            },
        ),
        (_("Practitioner's notes"), {"fields": ["internal_note"]}),
        (
            _("History and details"),
            {
                "fields": [
                    "sequence",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "cancelled_at",
                    "decline_reason",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = ["confirm", "decline", "cancel", "mark_completed", "mark_no_show"]

    def has_add_permission(self, request):
        return False  # bookings are made through the booking rules (the public flow or on a client's behalf)

    def save_model(self, request, obj, form, change):
        booking_edit(booking=obj, changed=form.changed_data, by_user=request.user)

    def _each(self, request, queryset, do, done_message):
        done = 0
        for booking in queryset:
            try:
                do(booking)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{booking}: {exc.message}", messages.WARNING)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm selected requests (the client is told)"))
    def confirm(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda b: booking_confirm(booking=b, by_user=request.user),
            _("%(count)s confirmed."),
        )

    @admin.action(description=_("Decline selected requests (the client is told)"))
    def decline(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda b: booking_decline(booking=b, by_user=request.user),
            _("%(count)s declined."),
        )

    @admin.action(description=_("Cancel selected bookings (the client is told)"))
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda b: booking_cancel(booking=b, by_user=request.user),
            _("%(count)s cancelled."),
        )

    @admin.action(description=_("Mark completed"))
    def mark_completed(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda b: booking_mark(booking=b, status=Booking.Status.COMPLETED, by_user=request.user),
            _("%(count)s marked completed."),
        )

    @admin.action(description=_("Mark no-show"))
    def mark_no_show(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda b: booking_mark(booking=b, status=Booking.Status.NO_SHOW, by_user=request.user),
            _("%(count)s marked no-show."),
        )


@admin.register(CalendarBlock)
class CalendarBlockAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "practitioner", "kind", "active"]
    list_filter = ["kind", "active", "practitioner"]
    date_hierarchy = "start"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
