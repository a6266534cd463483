"""Draft invoices: made from what is billable in a period, one per payer (and reference), and
edited freely until finalised. Every change to a finalised invoice raises InvoiceLocked.

Nothing is invoiced twice: the drafting transaction re-reads what is taken, and the partial unique
constraint on live lines' sources refuses a second line of one source (AlreadyInvoiced).
"""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import amounts, billable, selectors
from ..exceptions import AlreadyInvoiced, InvoiceLocked
from ..models import BUYER_FIELDS, PUBLIC_SECTOR_MAX_DAYS, Invoice, InvoiceLine, LeftOut

# Names that tell a public-sector payer (municipality, wellbeing services county, the state), in
# Finnish and Swedish: a first guess the practitioner can change on the draft.
PUBLIC_SECTOR = re.compile(
    r"kaupun|kunta|kunnan|kuntayhtym|hyvinvointialue|ministeriö|virasto|yliopisto|stad|kommun|välfärdsområde",
    re.IGNORECASE,
)


def _locked_draft(invoice: Invoice) -> Invoice:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not invoice.is_draft:
        raise InvoiceLocked
    return invoice


def _total(lines) -> Decimal:
    return sum(
        (amounts.line_amounts(x.quantity, x.unit_price, x.vat_rate).gross for x in lines), amounts.ZERO
    )


def _refresh_total(invoice: Invoice) -> None:
    invoice.total = _total(invoice.lines.all())
    invoice.save(update_fields=["total"])


def _delivery(payer: billable.Payer) -> str:
    if payer.einvoice_address and payer.einvoice_operator:
        return Invoice.Delivery.EINVOICE
    return Invoice.Delivery.EMAIL if payer.email else Invoice.Delivery.PAPER


def _draft_of(payer: billable.Payer, first_day: dt.date, last_day: dt.date, days: int, by_user) -> Invoice:
    public = bool(payer.is_organisation and PUBLIC_SECTOR.search(payer.name))
    days = payer.payment_days if payer.payment_days is not None else days
    return Invoice(
        payer_key=payer.key,
        language=payer.language,
        buyer_name=payer.name[:200],
        buyer_business_id=payer.business_id,
        buyer_contact=payer.contact if payer.is_organisation else "",
        buyer_email=payer.email,
        buyer_address=payer.address,
        buyer_einvoice_address=payer.einvoice_address,
        buyer_einvoice_operator=payer.einvoice_operator,
        buyer_reference=payer.reference,
        public_sector=public,
        payment_days=min(days, PUBLIC_SECTOR_MAX_DAYS) if public else days,
        delivery=_delivery(payer),
        period_start=first_day,
        period_end=last_day,
        created_by=by_user,
    )


def invoices_draft(
    *,
    first_day: dt.date,
    last_day: dt.date,
    by_user=None,
    payers: set[str] | None = None,
    now: dt.datetime | None = None,
) -> list[Invoice]:
    """Makes a draft invoice for each payer (and reference) of everything billable on these days
    that is not invoiced yet; only `payers` (their keys) when given. A payer whose items are all
    0 € (mediation meetings without the fee) gets no draft. Returns the drafts, made in one
    transaction; raises AlreadyInvoiced if another drafting took some of the items meanwhile."""
    now = now or timezone.now()
    seller = selectors.seller_now()
    days = selectors.settings_row().payment_days
    items = billable.billable_items(first_day, last_day, vat_registered=seller.vat_registered, now=now)
    groups: dict[tuple, list[billable.Billable]] = defaultdict(list)
    for item in items:
        if payers is None or item.payer.key in payers:
            groups[item.payer.group].append(item)
    try:
        with transaction.atomic():
            taken = billable.taken_sources([item.source for item in items])
            chosen = []
            for group in groups.values():
                fresh = [item for item in group if item.source not in taken]
                if any(item.amount for item in fresh):
                    chosen.append(fresh)
            drafts = [_draft_of(group[0].payer, first_day, last_day, days, by_user) for group in chosen]
            for draft, group in zip(drafts, chosen, strict=True):
                draft.total = sum((item.amount for item in group), amounts.ZERO)
            Invoice.objects.bulk_create(drafts)
            InvoiceLine.objects.bulk_create(
                InvoiceLine(
                    invoice=draft,
                    position=n,
                    source=item.source,
                    service_date=item.service_date,
                    description=item.description[:200],
                    quantity=item.quantity,
                    unit_price=item.unit_price,
                    vat_rate=item.vat_rate,
                )
                for draft, group in zip(drafts, chosen, strict=True)
                for n, item in enumerate(group, start=1)
            )
    except IntegrityError as exc:
        raise AlreadyInvoiced from exc
    return drafts


HEADER_FIELDS = ("language", *BUYER_FIELDS, "delivery", "payment_days", "notes")


def invoice_update(*, invoice: Invoice, **values) -> Invoice:
    """Changes a draft's payer, delivery, terms or message (InvoiceLocked once finalised)."""
    unknown = set(values) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"not a draft's header field: {sorted(unknown)}")
    with transaction.atomic():
        invoice = _locked_draft(invoice)
        for field, value in values.items():
            setattr(invoice, field, value)
        invoice.full_clean(exclude=["payer_key"])
        invoice.save()
        return invoice


def invoice_line_add(
    *,
    invoice: Invoice,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
    vat_rate: Decimal,
    service_date: dt.date | None = None,
) -> InvoiceLine:
    """Adds a line of the practitioner's own to a draft (InvoiceLocked once finalised)."""
    with transaction.atomic():
        invoice = _locked_draft(invoice)
        last = invoice.lines.order_by("-position").values_list("position", flat=True).first() or 0
        line = InvoiceLine(
            invoice=invoice,
            position=last + 1,
            description=description,
            quantity=quantity,
            unit_price=unit_price,
            vat_rate=vat_rate,
            service_date=service_date,
        )
        line.full_clean()
        line.save()
        _refresh_total(invoice)
        return line


def invoice_line_update(
    *,
    line: InvoiceLine,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
    vat_rate: Decimal,
    service_date: dt.date | None = None,
) -> InvoiceLine:
    """Changes a line of a draft; its source stays (InvoiceLocked once finalised)."""
    with transaction.atomic():
        invoice = _locked_draft(line.invoice)
        line = invoice.lines.get(pk=line.pk)
        line.description, line.quantity, line.unit_price = description, quantity, unit_price
        line.vat_rate, line.service_date = vat_rate, service_date
        line.full_clean()
        line.save()
        _refresh_total(invoice)
        return line


def invoice_line_remove(*, line: InvoiceLine) -> None:
    """Removes a line from a draft; what it billed is billable again (InvoiceLocked once finalised)."""
    with transaction.atomic():
        invoice = _locked_draft(line.invoice)
        invoice.lines.filter(pk=line.pk).delete()
        _refresh_total(invoice)


def invoice_delete(*, invoice: Invoice) -> None:
    """Deletes a draft with its lines; everything on it is billable again."""
    with transaction.atomic():
        _locked_draft(invoice).delete()


def billable_leave_out(*, source: str, reason: str, by_user=None) -> LeftOut:
    """Leaves a billable item out of invoicing (e.g. seats paid on site). Idempotent."""
    left, _created = LeftOut.objects.get_or_create(
        source=source, defaults={"reason": reason, "by_user": by_user}
    )
    return left


def billable_put_back(*, source: str) -> None:
    LeftOut.objects.filter(source=source).delete()
