"""The booking-flow tests' fixtures: their clock and an instant individual hour with a place."""

import pytest
import time_machine
from django.core.cache import cache

from bookings.models import Location
from tests.bookings.flow import NOW
from tests.factories import bookable


@pytest.fixture
def flow_clock(settings):
    """A fixed Monday morning; forms may be sent at once; no rate-limit counts from other tests."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session_type():
    """An instant individual hour, in person or online, with a place."""
    practitioner, session_type = bookable(slug="yksilo")
    session_type.location = Location.objects.create(
        practitioner=practitioner, name="Vastaanotto", address="Mannerheimintie 1, Helsinki"
    )
    session_type.save()
    return session_type
