"""What every /api/v1/ endpoint shares: JSON errors, GET only, the rate limit, the caller's
language, date ranges and ISO times."""

import datetime as dt
import functools

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.ratelimit import client_ip, hit
from core.time import HELSINKI

# Far-away dates hold nothing; clamped to these, date arithmetic on them cannot overflow.
DAYS = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))


def error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def read_only(view):
    """GET and HEAD only: another method gets a JSON 405 with Allow, like every other API error."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            with translation.override(request_language(request)):
                response = error(_("This address only answers GET requests."), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def limited(view):
    """RATELIMIT_API requests per client address (e.g. "120/m"), counted in the shared cache;
    over it a JSON 429 with Retry-After, like every other API error.

    Also exempt from CSRF: the API only reads, and without the exemption a method it does not
    take (QUERY, say) is refused by the CSRF check with an HTML 403 before read_only can
    answer 405."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if settings.RATELIMIT_ENABLED:
            allowed, retry_after = hit(scope="api", key=client_ip(request), rate=settings.RATELIMIT_API)
            if not allowed:
                with translation.override(request_language(request)):
                    response = error(_("Too many requests. Please wait a moment and try again."), status=429)
                response["Retry-After"] = str(max(retry_after, 1))
                return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def parse_day(value: str | None, name: str) -> dt.date:
    """A YYYY-MM-DD query parameter; ValueError with a message naming it when missing or impossible."""
    if not value:
        raise ValueError(_("The parameter “%(name)s” is required (YYYY-MM-DD).") % {"name": name})
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("“%(name)s” is not a valid date (YYYY-MM-DD).") % {"name": name}) from None


def parse_range(request, max_days: int) -> tuple[dt.date, dt.date]:
    first = parse_day(request.GET.get("from"), "from")
    last = parse_day(request.GET.get("to"), "to")
    if first > last:
        raise ValueError(_("“from” must not be after “to”."))
    if (last - first).days + 1 > max_days:
        raise ValueError(_("The range may be at most %(days)s days.") % {"days": max_days})
    return min(max(first, DAYS[0]), DAYS[1]), min(max(last, DAYS[0]), DAYS[1])


def iso(value: dt.datetime) -> str:
    """ISO 8601 with the Helsinki offset of that instant."""
    return value.astimezone(HELSINKI).isoformat()


def request_language(request) -> str:
    """`?lang=fi|sv|en` (the API lives outside the language prefixes); Finnish by default."""
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
