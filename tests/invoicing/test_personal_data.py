"""A payer's data on invoices: found and exported by email; erasure removes drafts only (invoices are
accounting records); after six full years a private payer's details are blanked."""

import datetime as dt

import pytest

from core.time import HELSINKI
from invoicing.actions import invoice_finalise, invoices_draft
from invoicing.models import Invoice
from privacy.registry import entries
from tests.invoicing.conftest import day_ahead, held, month_of

pytestmark = pytest.mark.django_db


def _entry():
    return next(e for e in entries() if e.name == "invoices")


def _two_invoices(supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    held(session_type, start + dt.timedelta(days=35))
    first, _last = month_of(start)
    drafts = invoices_draft(
        first_day=first, last_day=first + dt.timedelta(days=70), now=start + dt.timedelta(days=40)
    )
    (draft,) = drafts
    sent = invoice_finalise(invoice=draft, now=dt.datetime(2026, 12, 1, tzinfo=HELSINKI))
    return sent


def test_found_exported_and_only_drafts_erased(practice, supervision):
    sent = _two_invoices(supervision)
    entry = _entry()
    found = list(entry.find("MAIJA@example.fi"))
    assert found == [sent]
    assert entry.export(found)[0]["number"] == sent.number
    assert entry.erase(found) == 0 and Invoice.objects.filter(pk=sent.pk).exists()


def test_private_payers_are_blanked_after_six_full_years(practice, supervision):
    sent = _two_invoices(supervision)
    entry = _entry()
    assert entry.purge_due(dt.datetime(2032, 12, 31, tzinfo=HELSINKI)) == 0
    assert entry.purge_due(dt.datetime(2033, 1, 1, tzinfo=HELSINKI)) == 1
    sent.refresh_from_db()
    assert (sent.buyer_name, sent.buyer_email, sent.number) == ("–", "", "20260001")
    assert entry.purge_due(dt.datetime(2033, 1, 2, tzinfo=HELSINKI)) == 0
