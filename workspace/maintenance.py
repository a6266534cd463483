"""The sections a practitioner does not use daily, under one "Maintenance" (Ylläpito) heading, in the
workspace's languages: staff accounts and groups, and each account's second factors (the
authenticator app, the backup codes), which a superuser may look at and remove (a lost phone) but
not make: a staff member sets up their own on the two-factor page.

django-axes's attempt and log lists are left out of the admin: a lockout ends by itself after
ADMIN_LOCKOUT_MINUTES (or `manage.py axes_reset_username <name>`), and sign-ins are in the log.
django-otp and django-axes have no Finnish or Swedish catalogue, so their names are given here.
Applied from WorkspaceConfig.ready(), after every admin is registered."""

from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .accounts import SuperusersOnly

MAINTENANCE_APPS = ("auth", "otp_totp", "otp_static")


class SecondFactorAdmin(SuperusersOnly, admin.ModelAdmin):
    """A second factor of a staff account: seen and removed, never made or edited here."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def has_add_permission(self, request):
        return False

    def get_deleted_objects(self, objs, request):
        """The factors themselves, not their rows of codes (django-otp's, named in English)."""
        _rows, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return [str(obj) for obj in objs], counts, perms_needed, protected

    def has_change_permission(self, request, obj=None):
        return False


def _name(model, singular, plural) -> None:
    model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural


def _fields(model, names: dict) -> None:
    for field, label in names.items():
        model._meta.get_field(field).verbose_name = label


def relabel_and_register(site=admin.site) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for label in ("otp_totp", "otp_static"):  # their breadcrumbs read "Ylläpito", not "Otp_Totp"
        django_apps.get_app_config(label).verbose_name = _("Maintenance")
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        if site.is_registered(model):
            site.unregister(model)
    _name(TOTPDevice, _("authenticator app"), _("authenticator apps"))
    _name(StaticDevice, _("set of backup codes"), _("backup codes"))
    _name(StaticToken, _("single backup code"), _("single backup codes"))
    for model in (TOTPDevice, StaticDevice):
        _fields(
            model,
            {
                "user": _("staff member"),
                "name": pgettext_lazy("second factor", "name"),
                "confirmed": _("in use"),
                "created_at": _("set up"),
                "last_used_at": _("last used"),
            },
        )
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, SecondFactorAdmin)


def maintenance_section(apps: list[dict]) -> list[dict]:
    """`apps` (admin's app list) with the maintenance apps' models in one section, placed last."""
    kept = [app for app in apps if app["app_label"] not in MAINTENANCE_APPS]
    models = [model for app in apps if app["app_label"] in MAINTENANCE_APPS for model in app["models"]]
    if not models:
        return kept
    order = [get_user_model().__name__, Group.__name__, "TOTPDevice", "StaticDevice"]
    models.sort(key=lambda m: order.index(m["object_name"]) if m["object_name"] in order else len(order))
    section = {
        "name": _("Maintenance"),
        "app_label": "maintenance",
        "app_url": models[0]["admin_url"],
        "has_module_perms": True,
        "models": models,
    }
    return [*kept, section]
