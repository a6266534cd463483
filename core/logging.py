"""What every log line carries and what it never does: the request id, one line per event, no
personal-link token. The middleware sets the request id; LOGGING attaches the filters and the
formatter to its handler, so Django's own lines (django.request, django.security.*) pass through
them too. Handlers that others configure (Django's console and runserver handlers with DEBUG on,
gunicorn's error and access logs, Celery's) get the token mask as well: `configure` is
LOGGING_CONFIG, and Celery calls `mask_every_handler` after setting up its own."""

import contextvars
import logging
import logging.config
import re

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# Personal-link tokens (32 random bytes: 43 url-safe base64 characters) must never reach a log;
# shorter ids (a request id, a UUID in hex) stay readable.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43,}")


def mask_tokens(text: str) -> str:
    """The text (a path, a log message) with any personal-link token masked."""
    return _TOKEN.sub("…", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class MaskTokensFilter(logging.Filter):
    """Masks tokens in the final message and in the traceback, whoever logged them."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: written masked rather than raised at the caller
            message = f"{record.msg} {record.args}"
        record.msg = mask_tokens(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # The formatter reuses exc_text when it is set, so the masked text is what gets written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_tokens(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_tokens(record.stack_info)
        return True


class OneLineFormatter(logging.Formatter):
    """One line per event: newlines of the message and of a traceback become " | "."""

    def format(self, record: logging.LogRecord) -> str:
        return " | ".join(super().format(record).splitlines())


def mask_every_handler() -> None:
    """Puts the token mask on every handler of every logger that has one, whoever configured it,
    once each. A line then has its tokens masked at any level, DEBUG included."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    handlers = [logging.lastResort] if logging.lastResort else []  # for a logger without handlers
    handlers += [handler for logger in loggers for handler in logger.handlers]
    for handler in handlers:
        if not any(isinstance(f, MaskTokensFilter) for f in handler.filters):
            handler.addFilter(MaskTokensFilter())


def configure(config: dict) -> None:
    """LOGGING_CONFIG: Django's defaults (already applied), then LOGGING, then the token mask on
    every handler, Django's `console` and `django.server` ones too (they print with DEBUG on)."""
    logging.config.dictConfig(config)
    mask_every_handler()
