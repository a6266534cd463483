"""Staff accounts, and their second factors in the workspace: superusers only
(privacy.access.Rule.ACCOUNTS). Django's own admins and the second factors' (workspace.maintenance) stay as they
are, wrapped so that no other staff member can read a second factor's secret, set a password or
make anyone a superuser. Applied from WorkspaceConfig.ready(), after every admin is registered."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from privacy.access import Rule, may

# Permissions of parts nobody grants (the admin's log, sessions, the sign-in machinery): not offered.
UNGRANTED_APPS = ("admin", "contenttypes", "sessions", "axes", "otp_totp", "otp_static")
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """`Varaukset | Voi muokata: varaus`: Django keeps a permission's name in English in the database;
    the four standard ones are named here in the reader's language instead."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if (
        model is None
        or permission.codename != f"{action}_{model._meta.model_name}"
        or action not in PERMISSION_ACTIONS
    ):
        return str(permission)
    return f"{model._meta.app_config.verbose_name} | {PERMISSION_ACTIONS[action] % {'model': model._meta.verbose_name}}"


class SuperusersOnly:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission and field is not None:
            field.queryset = field.queryset.exclude(content_type__app_label__in=UNGRANTED_APPS)
            field.label_from_instance = permission_label
        return field

    def has_module_permission(self, request):
        return may(request.user, Rule.ACCOUNTS)

    def has_view_permission(self, request, obj=None):
        return may(request.user, Rule.ACCOUNTS, obj)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


def account_models() -> list:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [get_user_model(), Group, TOTPDevice, StaticDevice]


def restrict_to_superusers(site=admin.site) -> None:
    for model in account_models():
        registered = site._registry.get(model)
        if registered is None or isinstance(registered, SuperusersOnly):
            continue
        site.unregister(model)
        site.register(model, type(registered.__class__.__name__, (SuperusersOnly, registered.__class__), {}))
