"""The clients' check-in answers, read-only for the practitioner."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.formats import format_when

from ..models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """The clients' answers to the check-in after a session, for the practitioner to read."""

    list_display = ["answered_at", "session", "client", "practitioner", "rating", "wants_next"]
    list_filter = ["rating", "wants_next", "booking__practitioner", "answered_at"]
    search_fields = ["booking__client_name", "booking__email", "helped", "change"]
    date_hierarchy = "answered_at"
    list_select_related = ["booking__session_type", "booking__practitioner"]
    fields = ["session", "client", "practitioner", "rating", "helped", "change", "wants_next", "answered_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("session"), ordering="booking__start")
    def session(self, obj):
        return f"{obj.booking.session_type.name}, {format_when(obj.booking.start, obj.booking.end)}"

    @admin.display(description=_("client"), ordering="booking__client_name")
    def client(self, obj):
        return f"{obj.booking.client_name} <{obj.booking.email}>"

    @admin.display(description=_("practitioner"), ordering="booking__practitioner")
    def practitioner(self, obj):
        return obj.booking.practitioner.display_name
