import logging

import pytest

from core.middleware import loggable_path

TOKEN = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c"


def test_personal_link_tokens_are_masked_in_logged_paths():
    assert loggable_path(f"/sovittelu/osapuoli/{TOKEN}/lomake/") == "/sovittelu/osapuoli/…/lomake/"
    assert loggable_path(f"/calendar/feed/{TOKEN}.ics") == "/calendar/feed/….ics"
    assert loggable_path("/en/workplace-mediation/") == "/en/workplace-mediation/"


@pytest.mark.django_db
def test_the_request_log_line_has_the_request_id_and_no_token(client, caplog):
    with caplog.at_level(logging.INFO, logger="ohjaamo.request"):
        response = client.get(f"/varaa/oma/{TOKEN}/")
    line = next(r for r in caplog.records if r.name == "ohjaamo.request")
    assert TOKEN not in line.getMessage()
    assert f"GET /varaa/oma/…/ {response.status_code}" in line.getMessage()
