"""The series flow keeps what the organisation typed (contact, invoicing details, goals) across a
conflict: sent back to choose the nearest free times, they find their details as they left them,
as the single-booking flow keeps its details."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from core.time import HELSINKI
from series.models import Series
from tests.factories import BookingFactory
from tests.series.factories import group_supervision
from tests.series.test_pages import DETAILS, plan_query, reverse, stamp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(settings):
    settings.SPAM_MIN_FILL_SECONDS = -1
    cache.clear()  # rate limits are counted in the cache
    with time_machine.travel(dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def group():
    return group_supervision(slug="ryhmatyonohjaus", modalities="in_person")


def _take_the_nearest_free_times(client, plan_url: str) -> str:
    """Follows 'Use the nearest free times' and 'Continue to your details'; the details page."""
    html = client.get(plan_url).content.decode()
    link = next(part for part in html.split('href="') if "Use the nearest" in part)
    again = client.get(link.split('"')[0].replace("&amp;", "&")).content.decode()
    details = next(part for part in again.split('href="') if "Continue to your details" in part)
    return details.split('"')[0].replace("&amp;", "&")


def test_the_typed_details_survive_a_conflict_and_the_nearest_free_times(client, group):
    url = reverse("series:series_details") + "?" + plan_query(first="2027-03-16", time="10:00")
    page = client.get(url).content.decode()
    typed = {
        **DETAILS,
        "invoice_reference": "Kustannuspaikka 4410",
        "client_organisation": "Perhepalvelut, tiimi 2",
        "goals": "Yhteinen suunta ja jaksaminen",
    }
    # Another client takes the third session's time (30.3. 10.00) meanwhile.
    BookingFactory(
        session_type=group,
        start=dt.datetime(2027, 3, 30, 10, tzinfo=HELSINKI),
        client_name="Toinen",
        email="t@example.fi",
    )
    response = client.post(url, {**typed, "form_started": stamp(page)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("series:series_plan"))
    assert not Series.objects.exists()
    details_url = _take_the_nearest_free_times(client, response["Location"])
    html = client.get(details_url).content.decode()
    for value in (
        "Hanna Koskinen",
        "hanna@example.fi",
        "Esimerkkikunta",
        "0201256-6",
        "003702012566",
        "Kustannuspaikka 4410",
        "Perhepalvelut, tiimi 2",
        "Yhteinen suunta ja jaksaminen",
    ):
        assert value in html, value
    assert 'name="accept" checked' not in html  # the terms are accepted again for the new times
    booked = client.post(details_url, {**typed, "form_started": stamp(html)})
    assert booked.status_code == 302
    agreement = Series.objects.get().agreement
    assert agreement.goals == "Yhteinen suunta ja jaksaminen" and agreement.business_id == "0201256-6"
    # Booked: the next series starts from an empty form.
    assert "Esimerkkikunta" not in client.get(url).content.decode()
