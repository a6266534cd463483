"""The second factor of staff sign-in: an authenticator app (TOTP, set up from a QR code drawn
here, never by a service elsewhere) and ten one-time backup codes (django-otp's static device).

Anyone on the staff may set up an authenticator. Replacing one, or making new backup codes,
needs a session that a second factor has verified: a password alone never changes a factor.
"""

import base64
import secrets
from functools import wraps

import segno
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm

PENDING_KEY = "two_factor_pending_key"
BACKUP_DEVICE = "backup"
BACKUP_CODES = 10


def _verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def must_enrol(user) -> bool:
    """A signed-in staff member with no authenticator yet (and so an unverified session)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not _verified(user)
        and not user_has_device(user)
    )


def staff_only(view):
    """Active staff only, verified or not (this is where the unverified set up their factor)."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"), REDIRECT_FIELD_NAME)
        return view(request, *args, **kwargs)

    return csrf_protect(never_cache(inner))


def _pending_key(request, *, fresh: bool = False) -> str:
    if fresh or not request.session.get(PENDING_KEY):
        request.session[PENDING_KEY] = secrets.token_hex(20)
    return request.session[PENDING_KEY]


def _setup_context(request, key: str) -> dict:
    device = TOTPDevice(user=request.user, key=key, name=_("Authenticator app"))
    return {
        "qr_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(base64.b32encode(device.bin_key).decode()[i : i + 4] for i in range(0, 32, 4)),
    }


@transaction.atomic
def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def _enrol(user, key: str) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, key=key, name=_("Authenticator app"), confirmed=True)


def two_factor(request, *, site):
    """Set up an authenticator (QR code + confirm a code), or see and renew the backup codes."""
    user = request.user
    has_factor = user_has_device(user)
    if has_factor and not _verified(user):
        # Signed in some other way than through a factor: only a verified session may change one.
        return redirect_to_login(request.get_full_path(), reverse("admin:login"), REDIRECT_FIELD_NAME)
    has_totp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    context = {
        **site.each_context(request),
        "title": _("Two-factor sign-in"),
        "has_totp": has_totp,
        "backup_left": StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE).count(),
        "form": TokenForm(),
    }
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "confirm":
        form = TokenForm(request.POST)
        key = request.session.get(PENDING_KEY)
        if form.is_valid() and key:
            if TOTP(bytes.fromhex(key)).verify(int(form.cleaned_data["token"]), tolerance=1):
                device = _enrol(user, key)
                codes = _new_backup_codes(user)
                del request.session[PENDING_KEY]
                otp_login(request, device)
                context.update(
                    {**site.each_context(request), "has_totp": True, "codes": codes, "enrolled": True}
                )
                return render(request, "workspace/two_factor.html", context)
            form.add_error("token", _("The code did not match. Check the time on your phone and try again."))
        context.update({"form": form, "setting_up": True, **_setup_context(request, _pending_key(request))})
        return render(request, "workspace/two_factor.html", context, status=400)
    if action == "backup" and has_totp:
        context.update({"codes": _new_backup_codes(user), "backup_left": BACKUP_CODES})
        return render(request, "workspace/two_factor.html", context)
    if not has_totp or action == "replace":
        context.update(
            {"setting_up": True, **_setup_context(request, _pending_key(request, fresh=bool(action)))}
        )
    return render(request, "workspace/two_factor.html", context)
