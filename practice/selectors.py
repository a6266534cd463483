"""Reading the practice profile: `profile()` on every request, from the shared cache.

The row is made on first use from the environment's first-run defaults (PRACTICE_NAME,
PRACTICE_EMAIL, PRACTICE_PHONE, PRACTICE_VAT_REGISTERED, PRACTICE_BUSINESS_ID, PRACTICE_ADDRESS);
after that the row wins and the environment is no longer read. Every save of the row drops the
cached copy (practice/apps.py), now and again when the saving transaction commits.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import PracticeProfile

CACHE_KEY = "practice:profile"
_ADDRESS = re.compile(r"^(?P<street>.*?),?\s*(?P<code>\d{5})\s+(?P<city>[^,\d][^,]*)$")


def first_run_defaults() -> dict:
    """The profile's values before anyone has edited it, from the environment."""
    address = settings.PRACTICE_ADDRESS.strip()
    parts = _ADDRESS.match(address)
    return {
        "name": settings.PRACTICE_NAME,
        "email": settings.PRACTICE_EMAIL,
        "phone": settings.PRACTICE_PHONE,
        "vat_registered": settings.PRACTICE_VAT_REGISTERED,
        "business_id": settings.PRACTICE_BUSINESS_ID,
        "street_address": parts["street"].strip() if parts else address,
        "postal_code": parts["code"] if parts else "",
        "city": parts["city"].strip() if parts else "",
    }


def profile() -> PracticeProfile:
    """The practice profile; never None. One cache read per call once the row is cached."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found, _created = PracticeProfile.objects.get_or_create(pk=1, defaults=first_run_defaults())
        cache.set(CACHE_KEY, found, timeout=None)
    return found


def _drop() -> None:
    cache.delete(CACHE_KEY)


def forget(**kwargs) -> None:
    """Drops the cached profile now, and again once the current transaction commits (a process
    that read the row meanwhile would otherwise keep the old values)."""
    _drop()
    transaction.on_commit(_drop)
