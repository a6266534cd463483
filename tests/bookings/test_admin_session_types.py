"""Session types in admin: a new one starts with the usual group supervision size of 3–6."""

import re

import pytest

pytestmark = pytest.mark.django_db


def field_value(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1)


def test_a_new_session_type_offers_a_group_of_three_to_six(admin_client):
    html = admin_client.get("/admin/bookings/sessiontype/add/").content.decode()
    assert (field_value(html, "group_min"), field_value(html, "group_max")) == ("3", "6")


def test_a_link_with_other_initial_values_still_wins(admin_client):
    html = admin_client.get("/admin/bookings/sessiontype/add/?group_max=8").content.decode()
    assert (field_value(html, "group_min"), field_value(html, "group_max")) == ("3", "8")
