import logging
import re
import time
import uuid

from django.conf import settings

from .logging import request_id_var

logger = logging.getLogger("ohjaamo.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Personal-link tokens (32 random bytes, url-safe base64) must never reach a log.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,}")


def loggable_path(path: str) -> str:
    """The path with any personal-link token masked."""
    return _TOKEN.sub("…", path)


class RequestIdMiddleware:
    """Tags the request (and its log lines) with an id; a proxy's X-Request-ID is kept if sane.

    Also sets the Permissions-Policy header, which Django has no setting for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                loggable_path(request.path),
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            return response
        finally:
            request_id_var.reset(token)
