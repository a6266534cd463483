"""Sign-in protection: the lockout backend and the page a locked-out sign-in gets (django-axes)."""

import ipaddress
import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check first in AUTHENTICATION_BACKENDS: refuses while the account or address is locked out.

    A sign-in without a request (the test client's login(), a management command) has no address
    to count and is no guessing from the web: Axes would refuse it outright, so this steps aside
    and the next backend decides.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request) -> str | None:
    """The address Axes counts, by the rate limits' proxy rule (RATELIMIT_PROXY_COUNT proxies append
    to X-Forwarded-For). Axes stores it as an IP address, so an IPv6 client is its /64 network's
    first address (one host can change its address within its network), and junk is None."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.RATELIMIT_PROXY_COUNT
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if proxies and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip.ipv4_mapped if ip.version == 6 else ip)


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, saying plainly that sign-in is locked and for how long (status 429)."""
    site = admin.site
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    username = (credentials or {}).get("username", "")
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": site.login_form(request, initial={"username": username}),
        "locked_out": True,
        "lockout_minutes": minutes,
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, "")),
    }
    return render(request, site.login_template, context, status=429)
