"""What reaches the logs: one line per event, with the request id, never a personal-link token.

The test settings switch the project's LOGGING off, so these tests build the stdout handler exactly
as config/settings/base.py configures it (its filters and formatter) and read what it writes.
"""

import copy
import io
import logging
import logging.config

import pytest
from django.test import Client

from config.celery import app as celery_app
from config.settings.base import LOGGING
from core.logging import mask_tokens

TOKEN = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c"


@pytest.fixture
def log_output():
    """The project's stdout handler on the root logger, writing to a buffer instead of stdout."""
    configurator = logging.config.DictConfigurator(copy.deepcopy(LOGGING))
    config = configurator.config
    for name in list(config["filters"]):
        config["filters"][name] = configurator.configure_filter(config["filters"][name])
    for name in list(config["formatters"]):
        config["formatters"][name] = configurator.configure_formatter(config["formatters"][name])
    handler = configurator.configure_handler(config["handlers"]["stdout"])
    buffer = io.StringIO()
    handler.setStream(buffer)
    root = logging.getLogger()
    root.addHandler(handler)
    yield buffer
    root.removeHandler(handler)


def lines_of(buffer: io.StringIO, logger: str) -> list[str]:
    return [line for line in buffer.getvalue().splitlines() if f" {logger} " in line]


def test_personal_link_tokens_are_masked_in_logged_paths():
    assert mask_tokens(f"/sovittelu/osapuoli/{TOKEN}/lomake/") == "/sovittelu/osapuoli/…/lomake/"
    assert mask_tokens(f"/calendar/feed/{TOKEN}.ics") == "/calendar/feed/….ics"
    assert mask_tokens("/en/workplace-mediation/") == "/en/workplace-mediation/"
    # Shorter ids stay readable: a request id or a UUID in hex is what one greps the logs for.
    request_id = "3f2b9c4d5e6f708192a3b4c5d6e7f801"
    assert mask_tokens(f"message {request_id} sent") == f"message {request_id} sent"


@pytest.mark.django_db
def test_the_request_log_line_has_the_request_id_and_no_token(client, caplog):
    with caplog.at_level(logging.INFO, logger="ohjaamo.request"):
        response = client.get(f"/varaa/oma/{TOKEN}/")
    line = next(r for r in caplog.records if r.name == "ohjaamo.request")
    assert TOKEN not in line.getMessage()
    assert f"GET /varaa/oma/…/ {response.status_code}" in line.getMessage()


@pytest.mark.django_db
def test_djangos_not_found_line_has_no_token_and_the_request_id(client, log_output):
    response = client.get(f"/sovittelu/osapuoli/{TOKEN}/")
    assert response.status_code == 404
    [line] = lines_of(log_output, "django.request")
    assert "Not Found: /sovittelu/osapuoli/…/" in line
    assert f"request_id={response['X-Request-ID']} " in line
    assert TOKEN not in log_output.getvalue()


@pytest.mark.django_db
def test_a_failed_csrf_check_is_logged_without_the_token(log_output):
    response = Client(enforce_csrf_checks=True).post(f"/sovittelu/osapuoli/{TOKEN}/lomake/", {})
    assert response.status_code == 403
    [line] = lines_of(log_output, "django.security.csrf")
    assert "/sovittelu/osapuoli/…/lomake/" in line
    assert TOKEN not in log_output.getvalue()


def test_a_traceback_is_one_line_and_masked(log_output):
    try:
        raise ValueError(f"no party for {TOKEN}")
    except ValueError:
        logging.getLogger("ohjaamo.test").exception("failed\nfor a party")
    [line] = log_output.getvalue().splitlines()
    assert "ohjaamo.test" in line and "failed | for a party" in line
    assert "Traceback (most recent call last): | " in line
    assert "ValueError: no party for …" in line
    assert TOKEN not in line


def test_celery_leaves_the_root_logger_to_our_logging():
    assert celery_app.conf.worker_hijack_root_logger is False
