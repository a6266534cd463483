"""No personal-link token in any log line, at any level, through any handler: logging configured
as a running site configures it (Django's defaults, then config.settings.base.LOGGING through
LOGGING_CONFIG) with DEBUG on and the level at DEBUG, a request to a portal URL with a token, the
lines runserver and gunicorn write for it, and a DEBUG line of our own."""

import copy
import io
import logging

import pytest
from django.conf import settings as django_settings
from django.utils.log import configure_logging

from config.settings.base import LOGGING

TOKEN = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zy6a"  # 32 random bytes in base64: 43 characters
PATH = f"/sovittelu/osapuoli/{TOKEN}/"


def _state(logger: logging.Logger):
    return logger.handlers[:], logger.filters[:], logger.level, logger.propagate, logger.disabled


def _every_logger() -> list[logging.Logger]:
    return [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]


@pytest.fixture
def logging_as_running(settings, monkeypatch):
    """The site's logging, DEBUG everywhere; every stream handler it has (pytest's own aside) writes
    to one buffer instead of stdout or stderr. Put back afterwards."""
    loggers = {"": logging.getLogger()} | {
        name: logger
        for name, logger in logging.Logger.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    saved = {name: _state(logger) for name, logger in loggers.items()}
    # gunicorn configures its access log before the site is loaded (its format, a handler of its own).
    access = logging.getLogger("gunicorn.access")
    access.addHandler(logging.StreamHandler())
    access.propagate = False
    settings.DEBUG = True
    config = copy.deepcopy(LOGGING)
    config["root"]["level"] = "DEBUG"
    configure_logging(django_settings.LOGGING_CONFIG, config)
    buffer = io.StringIO()
    handlers = {
        handler
        for logger in _every_logger()
        for handler in logger.handlers
        if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest")
    }
    for handler in handlers:
        handler.setStream(buffer)
    assert len(handlers) >= 3  # ours (stdout), Django's console handler, gunicorn's access log
    monkeypatch.setattr("sys.stderr", buffer)  # logging's last resort, for a logger without handlers
    yield buffer
    for name, logger in logging.Logger.manager.loggerDict.items():
        if isinstance(logger, logging.Logger) and name not in saved:
            logger.handlers, logger.filters, logger.level, logger.propagate = [], [], logging.NOTSET, True
    for name, (handlers, filters, level, propagate, disabled) in saved.items():
        logger = loggers[name]
        logger.handlers, logger.filters, logger.level = handlers, filters, level
        logger.propagate, logger.disabled = propagate, disabled


@pytest.mark.django_db
def test_no_token_in_any_log_line_with_debug_on(logging_as_running, client):
    assert client.get(PATH).status_code == 404  # Django logs "Not Found: <path>" (django.request)
    # What runserver writes for that request (django.core.servers.basehttp.WSGIRequestHandler.log_message).
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET {PATH} HTTP/1.1", "404", "179", extra={"status_code": 404}
    )
    # What gunicorn writes with an access log on: its default access_log_format and its atoms.
    logging.getLogger("gunicorn.access").info(
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"',
        {
            "h": "127.0.0.1",
            "l": "-",
            "u": "-",
            "t": "[06/Dec/2026:09:00:00 +0200]",
            "r": f"GET {PATH} HTTP/1.0",
            "s": "404",
            "b": "179",
            "f": f"https://example.fi{PATH}",
            "a": "Mozilla",
        },
    )
    logging.getLogger("mediation").debug("opened %s", PATH)
    written = logging_as_running.getvalue()
    assert "Not Found: /sovittelu/osapuoli/…/" in written
    assert written.count("/sovittelu/osapuoli/…/") >= 4
    assert TOKEN not in written
