"""Privacy in admin: the log of export and erasure requests, and the pages that make them."""

from django.contrib import admin
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .access import Rule, may
from .models import PrivacyRequest


class OutOfViewIs404:
    """For the admins whose rows a rule of privacy.access narrows: a row outside the user's view
    answers a plain 404 on its change, history and delete pages, as a tampered link does, instead
    of admin's redirect to its front page."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """Read-only: a record is written only by an export or an erasure."""

    list_display = ["done_at", "kind", "email", "done_by", "records"]
    list_filter = ["kind"]
    search_fields = ["email"]
    date_hierarchy = "done_at"
    list_select_related = ["done_by"]
    change_list_template = "admin/privacy/privacyrequest/change_list.html"

    @admin.display(description=_("records"))
    def records(self, obj):
        return ", ".join(f"{name} {count}" for name, count in obj.counts.items() if count) or "0"

    def has_module_permission(self, request):
        return may(request.user, Rule.PERSONAL_DATA)

    def has_view_permission(self, request, obj=None):
        return may(request.user, Rule.PERSONAL_DATA)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(lambda request: view(request, self.admin_site))

        return [
            path("person/", wrap(views.person), name="privacy_person"),
            path("person/export/", wrap(views.export), name="privacy_person_export"),
            path("person/erase/", wrap(views.erase), name="privacy_person_erase"),
            *super().get_urls(),
        ]
