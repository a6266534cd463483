"""Series in admin: the series and its agreement open, and the practitioner confirms a requested series."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory
from tests.series.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def test_the_practitioner_confirms_a_requested_series_from_admin(client):
    client.force_login(StaffFactory(is_superuser=True))
    series = SeriesFactory(requested=True)
    assert client.get(reverse("admin:series_series_change", args=[series.pk])).status_code == 200
    assert (
        client.get(
            reverse("admin:series_supervisionagreement_change", args=[series.agreement.pk])
        ).status_code
        == 200
    )
    client.post(
        reverse("admin:series_series_changelist"), {"action": "confirm", "_selected_action": [series.pk]}
    )
    assert set(series.sessions.values_list("booking__status", flat=True)) == {"confirmed"}
