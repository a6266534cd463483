"""The admin site: Django's own, with the practitioner's workspace and a second factor at sign-in.

`WorkspaceAdminConfig` replaces "django.contrib.admin" in INSTALLED_APPS and makes
`WorkspaceAdminSite` the default site, so `admin.site` and `@admin.register` everywhere register
here. Nothing in this module touches models at import time: it is imported while apps load.
"""

from functools import partial

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _


class WorkspaceAdminConfig(AdminConfig):
    default_site = "workspace.site.WorkspaceAdminSite"

    def ready(self):
        # Every ModelAdmin copies admin's field defaults when it is made (at autodiscover, in
        # super().ready()): from here on their date and time inputs are the ISO ones.
        from django.contrib.admin import options

        from core.widgets import ADMIN_FIELD_WIDGETS

        options.FORMFIELD_FOR_DBFIELD_DEFAULTS.update(ADMIN_FIELD_WIDGETS)
        super().ready()


def _is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


class WorkspaceAdminSite(admin.AdminSite):
    """Django admin with the workspace views (calendar, agenda, requests, ...) under its URLs.

    With ADMIN_REQUIRE_2FA on, a staff member is let in only once a second factor has verified
    the session; one without any authenticator yet is sent to set one up, and sees nothing else.
    """

    login_template = "workspace/login.html"
    index_template = "workspace/index.html"

    @property
    def site_header(self):
        from practice.selectors import profile

        return _("%(practice)s workspace") % {"practice": profile().name}

    @property
    def site_title(self):
        return self.site_header

    @property
    def login_form(self):
        from .forms import SignInForm

        return SignInForm

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_2FA or _is_verified(request.user)

    def login(self, request, extra_context=None):
        from core.ratelimit import ratelimit

        from . import twofactor

        if settings.ADMIN_REQUIRE_2FA and twofactor.must_enrol(request.user):
            return redirect("admin:two_factor")
        # The lockout counts one username from one address; this caps guessing across usernames.
        limited = ratelimit(scope="sign-in", rate=lambda: settings.RATELIMIT_SIGN_IN)(super().login)
        return limited(request, extra_context)

    def index(self, request, extra_context=None):
        """Admin's front page, with the go-live checklist on top while anything is still missing."""
        from .golive import checklist

        return super().index(request, {"golive": checklist(request), **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        """The workspace first; accounts and second factors last, under one "Maintenance"."""
        apps = super().get_app_list(request, app_label)
        if app_label is None:
            from . import calendar as views
            from .maintenance import maintenance_section

            apps = maintenance_section(apps)
            workspace = views.workspace_app(request)
            if workspace["models"]:
                apps.insert(0, workspace)
        return apps

    def get_urls(self):
        from . import calendar as views
        from . import exports, hours, on_behalf, requests, twofactor

        def view(fn):
            return self.admin_view(partial(fn, site=self))

        urls = [
            path("calendar/", view(views.calendar), name="workspace_calendar"),
            path("agenda/", view(views.agenda), name="workspace_agenda"),
            path("overview/", view(views.overview), name="workspace_overview"),
            path("requests/", view(requests.requests_waiting), name="workspace_requests"),
            path("book/", view(on_behalf.book_on_behalf), name="workspace_book"),
            path("hours/", view(hours.hours_choose), name="workspace_hours"),
            path("hours/<int:pk>/", view(hours.hours_grid), name="workspace_hours_grid"),
            path("export/", view(exports.export_view), name="workspace_export"),
            path(
                "two-factor/",
                twofactor.staff_only(partial(twofactor.two_factor, site=self)),
                name="two_factor",
            ),
        ]
        return urls + super().get_urls()

    def each_context(self, request):
        context = super().each_context(request)
        context["two_factor_url"] = reverse("admin:two_factor", current_app=self.name)
        context["two_factor_required"] = settings.ADMIN_REQUIRE_2FA
        return context
