import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

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
    # Rendered without context processors that might touch the database; the template is static.
    return _error(request, 500, "500.html")
