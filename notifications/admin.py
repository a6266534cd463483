"""The message log: what was sent to whom and when, what failed and why; failed ones can be resent.

The log is read-only: a message is changed only by the sender and by the resend action.
Staff other than superusers see only the messages no app hides from them (visibility.py): a
mediation message only its case's mediator.
"""

from django.contrib import admin, messages
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import registry, visibility
from .actions import message_resend
from .models import Message


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(name, registry.label_for(name)) for name in registry.kinds()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["due_at", "kind_label", "recipient", "status", "attempts", "sent_at", "error_short"]
    list_filter = ["status", KindFilter, "language", "due_at"]
    search_fields = ["recipient", "subject", "kind"]
    date_hierarchy = "due_at"
    list_per_page = 100
    actions = ["resend"]
    fields = [
        "kind_label",
        "recipient",
        "language",
        "about",
        "status",
        "due_at",
        "next_attempt_at",
        "attempts",
        "claimed_at",
        "sent_at",
        "subject",
        "last_error",
        "message_id",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return visibility.visible_to(
            request.user, super().get_queryset(request).select_related("target_type")
        )

    def get_object(self, request, object_id, from_field=None):
        # A message hidden from this user is as absent as one that never existed: 404, not admin's
        # redirect to the index (the change and history views; the resend action uses the queryset).
        message = super().get_object(request, object_id, from_field)
        if message is None:
            raise Http404
        return message

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_message")

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return registry.label_for(obj.kind)

    @admin.display(description=_("error"))
    def error_short(self, obj):
        return Truncator(obj.last_error).chars(80)

    @admin.display(description=_("about"))
    def about(self, obj):
        return f"{obj.target_type.name} #{obj.target_id}"

    @admin.display(description=_("Message-ID"))
    def message_id(self, obj):
        return obj.message_id

    @admin.action(description=_("Send the selected failed messages again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = message_resend(messages=queryset)
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext("%(count)d message is queued again.", "%(count)d messages are queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was not failed and was left alone.",
                    "%(count)d messages were not failed and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
