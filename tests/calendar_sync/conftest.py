"""What the external-calendar and feed tests share: staff signed in through the sign-in page, the
local calendar server, a bookable practitioner, English error texts and the sync settings."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.calendar_sync.sources import NOW, Server
from tests.factories import StaffFactory, bookable


def sign_in(client, user):
    """Through the sign-in page, as a person (the request carries an address for the lockout log)."""
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "correct horse battery staple", "next": "/admin/"},
    )
    assert response.status_code == 302, "could not sign in"
    return client


@pytest.fixture
def admin_client(client):
    """A superuser signed in through the sign-in page."""
    return sign_in(client, StaffFactory(is_superuser=True))


@pytest.fixture
def clock():
    """The external-calendar tests' moment (test_feed and test_caldav have their own)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def english():
    """The external-calendar tests read the error texts as written (English msgids); the site's
    default is Finnish."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def http_server():
    server = Server()
    yield server
    server.close()


@pytest.fixture
def server(http_server):
    http_server.httpd.routes.clear()
    http_server.httpd.hits.clear()
    return http_server


@pytest.fixture
def sync_settings(settings):
    """Sources on 127.0.0.1 allowed (the test server), and a short timeout."""
    settings.EXTERNAL_CALENDAR_ALLOW_PRIVATE = True  # the test servers are on 127.0.0.1
    settings.EXTERNAL_CALENDAR_TIMEOUT = 1.5


@pytest.fixture
def setup():
    practitioner, session_type = bookable(slug="tyonohjaus")
    practitioner.language = "en"  # errors are stored in the practitioner's language
    practitioner.save()
    return practitioner, session_type
