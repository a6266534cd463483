"""The practitioner invoices the month in Chromium: the demo's held sessions to drafts, one of them
sent as an e-invoice, its PDF read back (number, reference, due date, totals, barcode digits), the
Finvoice batch downloaded and validated, the invoice marked paid; axe finds nothing on the way."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
import time_machine
import xmlschema
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from config.settings import base
from core.time import HELSINKI
from demo import calendar, site, workspace
from invoicing import reference as ref
from invoicing.actions import invoicing_settings_save
from invoicing.models import Invoice
from tests.browser.conftest import axe_violations
from tests.invoicing.conftest import IBAN, seller_profile

PASSWORD = "correct horse battery staple"
SCHEMA = Path(__file__).resolve().parent.parent / "data" / "Finvoice3.0.xsd"
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


class _Out:
    def write(self, text):
        pass


@pytest.fixture
def month_held(tmp_path, monkeypatch):
    """The demo's practitioner and this month's held sessions (from the 8th on, so that a week of
    them has passed whatever day the suite runs: on the 1st–7th the clock moves to the 8th)."""
    monkeypatch.setattr(base, "VAR_DIR", tmp_path)
    cache.clear()
    today = timezone.now().astimezone(HELSINKI).date()
    traveller = None
    if today.day < 8:
        traveller = time_machine.travel(
            dt.datetime.combine(today.replace(day=8), dt.time(15), tzinfo=HELSINKI)
        )
        traveller.start()
    for part in (site, calendar, workspace):
        part.load(_Out())
    seller_profile()
    invoicing_settings_save(iban=IBAN, bic="OKOYFIHH")
    user = get_user_model().objects.get(username=site.ADMIN_USERNAME)
    user.set_password(PASSWORD)
    user.save()
    yield user
    if traveller:
        traveller.stop()


def _sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", site.ADMIN_USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _clean(page):
    assert axe_violations(page) == [], page.url


def _pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return text.replace("\u00a0", " ")


@pytest.mark.django_db(transaction=True)
def test_the_practitioner_invoices_the_month_sends_one_and_marks_it_paid(page, live_server, month_held):
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server)

    page.goto(live_server.url + "/admin/invoicing/invoice/")
    _clean(page)
    page.get_by_role("link", name="Tee laskut").click()
    expect(page.locator("h1")).to_contain_text("Laskutettavaa")
    payers = page.locator("input[name=payers]").count()
    assert payers >= 2
    _clean(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Tee laskuluonnokset").click()
    expect(page.locator(".messagelist .success")).to_contain_text("laskuluonnosta")
    drafts = Invoice.objects.filter(status="draft")
    assert drafts.count() == payers
    _clean(page)

    draft = drafts.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/invoicing/invoice/{draft.pk}/change/")
    _clean(page)
    # The payer takes e-invoices: address, operator and the way of sending on the draft.
    page.fill("#id_h-buyer_name", "Esimerkki Oy")
    page.fill("#id_h-buyer_business_id", "0737546-2")
    page.fill("#id_h-buyer_einvoice_address", "003707375462")
    page.fill("#id_h-buyer_einvoice_operator", "003721291126")
    page.select_option("#id_h-delivery", "einvoice")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna tiedot").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    with page.expect_navigation():
        page.get_by_role("button", name="Viimeistele ja lähetä").click()
    expect(page.locator(".messagelist .success")).to_contain_text("viimeistelty")
    invoice = Invoice.objects.get(pk=draft.pk)
    assert invoice.status == "sent" and invoice.number
    _clean(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa PDF").click()
    text = _pdf_text(Path(download.value.path()).read_bytes())
    assert invoice.number in text
    assert ref.grouped(invoice.reference) in text
    assert f"{invoice.due_date.day}.{invoice.due_date.month}.{invoice.due_date.year}" in text
    whole, cents = f"{invoice.total:.2f}".split(".")
    assert re.search(
        rf"Maksettava\s+{whole[:-3] + ' ' if len(whole) > 3 else ''}{whole[-3:]},{cents} €", text
    )
    digits = re.search(r"Virtuaaliviivakoodi (\d{54})", text)[1]
    assert digits[1:17] == IBAN[2:] and digits.endswith(f"{invoice.due_date:%y%m%d}")

    page.goto(live_server.url + "/admin/invoicing/invoice/batches/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kokoa erä").click()
    _clean(page)
    with page.expect_download() as download:
        page.locator("a[href$='/zip/']").first.click()
    with zipfile.ZipFile(Path(download.value.path())) as archive:
        assert sorted(archive.namelist()) == [f"{invoice.number}.pdf", f"{invoice.number}.xml"]
        xmlschema.XMLSchema(SCHEMA).validate(archive.read(f"{invoice.number}.xml").decode())

    page.goto(f"{live_server.url}/admin/invoicing/invoice/{invoice.pk}/change/")
    with page.expect_navigation():
        page.get_by_role("button", name="Merkitse maksetuksi").click()
    expect(page.locator(".badge.status-paid")).to_have_text("Maksettu")
    assert Invoice.objects.get(pk=invoice.pk).status == "paid"
    _clean(page)
    assert page.outside_requests == []
