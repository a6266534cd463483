"""Logging settings: one line a record on stdout, with the request id, and personal-link tokens masked.

The filters sit on the handler, not on loggers: every logger's line (django.request,
django.security.csrf, Celery) gets the request id and has its tokens masked; core.logging.configure
(LOGGING_CONFIG) puts the mask on every other handler there is too."""


def logging_settings(level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        # On the handler, not on loggers: every logger's line (django.request, django.security.csrf, Celery)
        # gets the request id and has its personal-link tokens masked.
        "filters": {
            "request_id": {"()": "core.logging.RequestIdFilter"},
            "mask_tokens": {"()": "core.logging.MaskTokensFilter"},
        },
        "formatters": {
            "line": {
                "class": "core.logging.OneLineFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id", "mask_tokens"],
                "formatter": "line",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # runserver's request lines: through the stdout handler (masked), not a handler of their own.
            "django.server": {"level": "WARNING", "propagate": True},
        },
    }
