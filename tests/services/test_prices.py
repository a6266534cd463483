"""A price line can take its price from a bookable session type: the page, its JSON-LD offer and the
booking then always agree, and the line links to booking that type."""

import io
import json
import re
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from demo import services as services_demo
from demo import site as core_demo
from services.models import Page, Price
from tests.factories import bookable

from .conftest import url

pytestmark = pytest.mark.django_db


def supervision_line(name_fi: str) -> Price:
    return Price.objects.get(page__key=Page.Key.SUPERVISION, name_fi=name_fi)


def offers(html: str) -> list[dict]:
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S)
    graph = json.loads(block.group(1))["@graph"]
    return next(node for node in graph if node["@type"] == "Service")["offers"]


def test_a_linked_line_shows_the_session_types_price_and_vat_and_links_to_its_booking(client):
    _practitioner, session_type = bookable(slug="yksilo", price=Decimal("135.00"), vat_rate=Decimal("14.0"))
    line = supervision_line("Yksilötyönohjaus")
    line.session_type, line.amount = session_type, None
    line.full_clean()
    line.save()

    html = client.get(url("services:supervision", "fi")).content.decode()
    assert "135,00\u00a0€" in html and "sis. alv 14 %" in html
    assert "120,00\u00a0€" not in html  # the line's own earlier amount is not shown
    with translation.override("fi"):
        book = f"{reverse('bookings:modality')}?type=yksilo"
    assert f'<a href="{book}">Varaa aika<span class="visually-hidden">: Yksilötyönohjaus</span></a>' in html
    assert {
        "@type": "Offer",
        "name": "Yksilötyönohjaus",
        "priceCurrency": "EUR",
        "price": "135.00",
    } in offers(html)

    # The booking's price changes: the page follows at once.
    session_type.price = Decimal("140.00")
    session_type.save()
    assert "140,00\u00a0€" in client.get(url("services:supervision", "fi")).content.decode()


def test_a_line_linked_to_a_session_type_no_longer_bookable_shows_the_price_without_a_link(client):
    _practitioner, session_type = bookable(slug="yksilo", price=Decimal("135.00"), is_active=False)
    Price.objects.filter(pk=supervision_line("Yksilötyönohjaus").pk).update(
        session_type=session_type, amount=None
    )
    html = client.get(url("services:supervision", "en")).content.decode()
    assert "€135.00" in html and "?type=yksilo" not in html


def test_a_linked_line_with_its_own_amount_is_refused_in_the_users_language():
    _practitioner, session_type = bookable()
    line = supervision_line("Yksilötyönohjaus")
    line.session_type = session_type
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        line.full_clean()
    assert error.value.message_dict["amount"] == [
        "Jätä hinta tyhjäksi: se tulee tälle riville valitulta tapaamistyypiltä."
    ]


def test_the_demo_links_the_supervision_prices_to_its_session_types_and_they_agree(client):
    out = io.StringIO()
    core_demo.load(out)
    services_demo.load(out)
    services_demo.load(out)  # idempotent
    individual, group = supervision_line("Yksilötyönohjaus"), supervision_line("Ryhmätyönohjaus")
    assert (individual.session_type.slug, group.session_type.slug) == ("yksilotyonohjaus", "ryhmatyonohjaus")
    assert individual.amount is None and group.amount is None
    html = client.get(url("services:supervision", "fi")).content.decode()
    assert f"{individual.session_type.price:.2f}".replace(".", ",") + "\u00a0€" in html
    assert html.count("Varaa aika<span") == 2


def test_the_group_supervision_line_says_the_usual_group_of_three_to_six_in_every_language(client):
    line = supervision_line("Ryhmätyönohjaus")
    assert (line.unit_fi, line.unit_sv, line.unit_en) == (
        "90 min, 3–6 osallistujaa",
        "90 min, 3–6 deltagare",
        "90 min, 3–6 participants",
    )
    assert "3–6 osallistujaa" in client.get(url("services:supervision", "fi")).content.decode()


def test_a_unit_the_practitioner_edited_is_left_as_it_is():
    from django.apps import apps

    migration = import_module("services.migrations.0007_group_supervision_size")
    line = supervision_line("Ryhmätyönohjaus")
    Price.objects.filter(pk=line.pk).update(
        unit_fi="90 min, 4–7 osallistujaa", unit_sv="90 min, högst 8 deltagare"
    )
    migration.forwards(apps, None)
    line.refresh_from_db()
    assert (line.unit_fi, line.unit_sv) == ("90 min, 4–7 osallistujaa", "90 min, 3–6 deltagare")
