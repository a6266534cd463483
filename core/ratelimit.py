"""Rate limits per client IP address, counted in the cache (Redis in production).

    @ratelimit(scope="requests", rate=lambda: settings.RATELIMIT_REQUEST_FORMS)   # e.g. "10/h"
    def request_form(request): ...

`rate` is a string like "10/h" or "5/15m", or a callable returning one (read at each request,
so a setting can change without a restart and tests can override it).

Counts the view's POSTs (by default) from one address in fixed windows; over the limit the
view is not called and the visitor gets templates/429.html with status 429 and Retry-After.
Addresses are hashed before they become cache keys, IPv6 addresses are counted per /64 (one
host can change its address within its network). If the cache fails, requests are let through
and the failure is logged: a broken cache must not close the site.

Settings: RATELIMIT_ENABLED (default True); RATELIMIT_PROXY_COUNT, the number of reverse
proxies in front of the site that append to X-Forwarded-For (default 0: REMOTE_ADDR is the client).
"""

import functools
import hashlib
import ipaddress
import logging
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/h" → (10, 3600); "5/15m" → (5, 900)."""
    match = _RATE.match(rate or "")
    if not match:
        raise ValueError(f"Rate {rate!r} is not like '10/h' or '5/15m'.")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the one our own proxies put in X-Forwarded-For."""
    proxies = getattr(settings, "RATELIMIT_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            # Each of our proxies appends the address it saw; anything further left the client wrote.
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def hit(*, scope: str, key: str, rate: str) -> tuple[bool, int]:
    """Counts one hit of `key` in `scope`. Returns (allowed, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    now = int(time.time())
    window = now - now % period
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{window}:{digest}"
    retry_after = window + period - now
    try:
        cache.add(cache_key, 0, timeout=period + 5)
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the window's first hit
        cache.set(cache_key, 1, timeout=period + 5)
        count = 1
    except Exception:
        logger.exception("rate limit: cache failed; letting the request through")
        return True, 0
    return count <= limit, retry_after


def too_many_requests(request, retry_after: int):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(max(retry_after, 1))
    return response


def ratelimit(*, scope: str, rate: str | Callable[[], str], methods: tuple[str, ...] = ("POST",)):
    """Limits the decorated view to `rate` requests of `methods` per client address."""
    if isinstance(rate, str):
        parse_rate(rate)  # a typo in a fixed rate fails at import, not at the first request

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and getattr(settings, "RATELIMIT_ENABLED", True):
                current = rate if isinstance(rate, str) else rate()
                allowed, retry_after = hit(scope=scope, key=client_ip(request), rate=current)
                if not allowed:
                    logger.warning("rate limit %s exceeded", scope)
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
