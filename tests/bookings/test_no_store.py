"""Pages that show a person's data are never stored by a browser or a proxy (Cache-Control:
no-store): the booking flow's details and review, a request form sent back with its errors, the
personal-link pages, the workspace and admin, and the GDPR pages."""

import pytest
from django.urls import reverse

from mediation.actions.links import party_link_issue
from tests.factories import BookingFactory, StaffFactory
from tests.mediation.factories import PartyFactory

from .flow import DETAILS, START, choice, details_form, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]


def assert_no_store(response):
    assert response.status_code in (200, 400), response.status_code
    assert "no-store" in response.get("Cache-Control", ""), response.get("Cache-Control")


def test_the_booking_flows_details_and_review_are_never_stored(client, session_type):
    assert_no_store(client.get(url("bookings:details", **choice(session_type, start=START))))
    assert_no_store(details_form(client, session_type, email="not-an-address"))
    assert details_form(client, session_type).status_code == 302
    review = client.get(url("bookings:review", **choice(session_type, start=START)))
    assert DETAILS["name"] in review.content.decode()
    assert_no_store(review)


def test_a_request_form_sent_back_with_its_errors_is_never_stored(client):
    response = client.post(reverse("services:talks_request"), {"contact_name": "Maija Meikäläinen"})
    assert "Maija" in response.content.decode()
    assert_no_store(response)


def test_personal_link_pages_are_never_stored(client, session_type):
    booking = BookingFactory(
        session_type=session_type, client_name="Maija", email="m@example.fi", online=True
    )
    assert_no_store(client.get(reverse("bookings:manage", kwargs={"token": booking.token})))
    token = party_link_issue(party=PartyFactory())
    assert_no_store(client.get(reverse("mediation:party", kwargs={"token": token})))


def test_the_workspace_admin_and_gdpr_pages_are_never_stored(client, settings):
    settings.AXES_ENABLED = False
    client.force_login(StaffFactory(is_superuser=True))
    assert_no_store(client.get(reverse("admin:index")))
    assert_no_store(client.get(reverse("admin:bookings_booking_changelist")))
    assert_no_store(client.get(reverse("admin:privacy_person"), {"email": "m@example.fi"}))
