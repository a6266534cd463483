"""Staff accounts, their second factors and the sign-in logs in the workspace: superusers only
(privacy.access.Rule.ACCOUNTS). Django's, django-otp's and django-axes's own admins stay as they
are, wrapped so that no other staff member can read a second factor's secret, set a password or
make anyone a superuser. Applied from WorkspaceConfig.ready(), after every admin is registered."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from privacy.access import Rule, may


class SuperusersOnly:
    def has_module_permission(self, request):
        return may(request.user, Rule.ACCOUNTS)

    def has_view_permission(self, request, obj=None):
        return may(request.user, Rule.ACCOUNTS, obj)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


def account_models() -> list:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [get_user_model(), Group, TOTPDevice, StaticDevice, AccessAttempt, AccessFailureLog, AccessLog]


def restrict_to_superusers(site=admin.site) -> None:
    for model in account_models():
        registered = site._registry.get(model)
        if registered is None or isinstance(registered, SuperusersOnly):
            continue
        site.unregister(model)
        site.register(model, type(registered.__class__.__name__, (SuperusersOnly, registered.__class__), {}))
