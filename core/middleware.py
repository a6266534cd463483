import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished

from .logging import mask_tokens, request_id_var

logger = logging.getLogger("ohjaamo.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Tags the request (and its log lines) with an id; a proxy's X-Request-ID is kept if sane.

    Also sets the Permissions-Policy header, which Django has no setting for. The id stays set until
    the request has finished: Django logs a 4xx/5xx response (django.request) after the middleware
    chain has returned.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request_id_var.set(request.id)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            mask_tokens(request.path),
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def _clear_request_id(**kwargs) -> None:
    """After the response is closed, so that no later line of this thread claims the request."""
    request_id_var.set("-")


request_finished.connect(_clear_request_id, dispatch_uid="core.middleware.clear_request_id")
