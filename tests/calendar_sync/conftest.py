"""What the external-calendar and feed tests share: staff signed in through the sign-in page."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory


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
