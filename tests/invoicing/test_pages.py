"""The invoicing pages of the workspace: who sees them, the month's billable items to drafts, the
invoice page's edits with errors at their fields, downloads, a bank statement, the settings."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from invoicing.models import Invoice, InvoicingSettings
from tests.factories import PractitionerFactory, StaffFactory
from tests.invoicing.conftest import ORGANISATION, day_ahead, held

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, practice):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.fixture
def month(supervision):
    """Two sessions held three days ago; the page's month parameter names their month."""
    _p, session_type = supervision
    start = day_ahead(-3)
    held(session_type, start)
    held(
        session_type,
        start + dt.timedelta(hours=2),
        organisation=ORGANISATION,
        name="Tiina",
        email="t@example.fi",
    )
    return f"{start:%Y-%m}", start


def test_only_practitioners_and_superusers_see_invoicing(client, practice):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get(reverse("admin:invoicing_invoice_billable")).status_code == 403
    assert client.get(reverse("admin:invoicing_invoice_changelist")).status_code == 403
    PractitionerFactory(user=staff)
    assert client.get(reverse("admin:invoicing_invoice_billable")).status_code == 200


def test_the_month_lists_payers_and_one_post_makes_their_drafts(signed_in, month):
    value, _start = month
    page = signed_in.get(reverse("admin:invoicing_invoice_billable"), {"month": value})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Maija Virtanen" in text and ORGANISATION["organisation_name"] in text
    keys = page.context["payers"]
    response = signed_in.post(
        reverse("admin:invoicing_invoice_draft"), {"month": value, "payers": [g["payer"].key for g in keys]}
    )
    assert response.status_code == 302
    assert Invoice.objects.filter(status="draft").count() == 2
    assert (
        "Maija Virtanen"
        not in signed_in.get(reverse("admin:invoicing_invoice_billable"), {"month": value}).content.decode()
    )


def test_the_invoice_page_edits_shows_errors_at_their_fields_and_finalises(signed_in, month):
    from invoicing.actions import invoices_draft
    from tests.invoicing.conftest import month_of

    _value, start = month
    first, last = month_of(start)
    draft = next(
        d
        for d in invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=1))
        if d.payer_key.startswith("person")
    )
    url = reverse("admin:invoicing_invoice_change", args=[draft.pk])
    assert signed_in.get(url).status_code == 200

    bad = signed_in.post(
        url,
        {
            "action": "add_line",
            "new-description": "",
            "new-quantity": "0",
            "new-unit_price": "5",
            "new-vat_rate": "25.5",
        },
    )
    assert bad.status_code == 400
    assert 'id="error-summary"' in bad.content.decode() and "new-description" in bad.content.decode()

    signed_in.post(
        url,
        {
            "action": "add_line",
            "new-description": "Matka",
            "new-quantity": "1",
            "new-unit_price": "10.00",
            "new-vat_rate": "25.5",
        },
    )
    draft.refresh_from_db()
    assert str(draft.total) == "105.00"

    signed_in.post(url, {"action": "finalise"})
    draft.refresh_from_db()
    assert draft.status == "sent" and draft.number
    pdf = signed_in.get(reverse("admin:invoicing_invoice_pdf", args=[draft.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    again = signed_in.post(
        url,
        {
            "action": "add_line",
            "new-description": "x",
            "new-quantity": "1",
            "new-unit_price": "1",
            "new-vat_rate": "0",
        },
    )
    assert again.status_code == 302 and str(Invoice.objects.get(pk=draft.pk).total) == "105.00"

    signed_in.post(url, {"action": "paid", "paid_on": "2026-12-20"})
    assert Invoice.objects.get(pk=draft.pk).status == "paid"


def test_a_batch_downloads_as_a_zip(signed_in, month):
    from invoicing.actions import invoice_finalise, invoices_draft
    from tests.invoicing.conftest import month_of

    _value, start = month
    first, last = month_of(start)
    drafts = invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=1))
    einvoice = next(d for d in drafts if d.delivery == "einvoice")
    invoice_finalise(invoice=einvoice)
    signed_in.post(reverse("admin:invoicing_invoice_batches"))
    page = signed_in.get(reverse("admin:invoicing_invoice_batches"))
    (batch,) = page.context["batches"]
    response = signed_in.get(reverse("admin:invoicing_invoice_batch_zip", args=[batch.pk]))
    assert response["Content-Type"] == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2


def test_settings_refuse_a_wrong_iban_next_to_the_field(signed_in):
    response = signed_in.post(
        reverse("admin:invoicing_invoice_settings"),
        {
            "iban": "FI49 5000 9420 0287 31",
            "bic": "OKOYFIHH",
            "payment_days": 14,
            "interest_text_fi": "a",
            "interest_text_sv": "b",
            "interest_text_en": "c",
        },
    )
    assert response.status_code == 400 and "id_iban_error" in response.content.decode()
    assert InvoicingSettings.objects.get().iban == "FI4950009420028730"


def test_a_statement_that_is_not_one_gets_an_error_not_a_500(signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in.post(
        reverse("admin:invoicing_invoice_import"),
        {"statement": SimpleUploadedFile("s.xml", b"<nope/>", "text/xml")},
    )
    assert response.status_code == 400 and "camt.054" in response.content.decode()


def test_the_invoice_list_and_pages_take_a_fixed_number_of_queries(
    signed_in, month, django_assert_max_num_queries
):
    from invoicing.actions import invoices_draft
    from tests.invoicing.conftest import month_of

    value, start = month
    first, last = month_of(start)
    draft = invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=1))[0]
    with django_assert_max_num_queries(14):
        signed_in.get(reverse("admin:invoicing_invoice_changelist"))
    with django_assert_max_num_queries(14):
        signed_in.get(reverse("admin:invoicing_invoice_change", args=[draft.pk]))
    with django_assert_max_num_queries(16):
        signed_in.get(reverse("admin:invoicing_invoice_billable"), {"month": value})


def test_the_bookings_export_names_the_invoice_and_its_status(signed_in, month):
    from invoicing.actions import invoices_draft
    from tests.invoicing.conftest import month_of
    from workspace import exports

    _value, start = month
    first, last = month_of(start)
    invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=1))
    rows = exports.rows_between(first, last)
    assert {(r.invoice_number, r.invoice_status) for r in rows} == {("luonnos", "Luonnos")} or all(
        r.invoice_status for r in rows
    )
