import logging
import os
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import FileResponse, Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the database (and a configured broker) answers, 503 otherwise; says which part failed."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("health check: database")
        checks["database"] = "failed"
    if settings.BROKER_CONFIGURED:
        from kombu import Connection

        try:
            with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception:
            logger.exception("health check: broker")
            checks["broker"] = "failed"
    else:
        checks["broker"] = "not configured"
    healthy = all(value != "failed" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failed", **checks}, status=200 if healthy else 503)


# What MEDIA_ROOT may serve: pictures, each with its own type. Anything else (a script, a page, an
# SVG drawing) is a 404 even if it got there, so an upload can never run in a visitor's browser.
MEDIA_TYPES = {
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# Stored names carry a hash of their content (practice.images), so a name never changes its bytes.
MEDIA_CACHE = "public, max-age=31536000, immutable"


@require_safe
def media(request, path):
    """An uploaded picture from MEDIA_ROOT (local storage): only pictures, never executable, cached
    for ever; a sandboxing CSP and nosniff keep a browser from treating one as anything else."""
    content_type = MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    try:
        full = safe_join(settings.MEDIA_ROOT, path)
    except SuspiciousFileOperation:
        raise Http404 from None
    if content_type is None or not os.path.isfile(full):
        raise Http404
    modified = os.stat(full).st_mtime
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        return HttpResponseNotModified()
    response = FileResponse(open(full, "rb"), content_type=content_type)  # noqa: SIM115 (FileResponse closes it)
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = MEDIA_CACHE
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _error(request, status, template):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "400.html")


def permission_denied(request, exception=None):
    return _error(request, 403, "403.html")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the plain 403 page in the visitor's language, not Django's technical one."""
    return _error(request, 403, "403.html")


def page_not_found(request, exception=None):
    return _error(request, 404, "404.html")


def server_error(request):
    # Rendered without touching the database (it may be what failed): context processors that read
    # it (the practice's name and contact details) take what they have in the cache, or defaults.
    request.without_database = True
    return _error(request, 500, "500.html")
