"""The invoicing pages of the workspace (inside admin): GET → selector → render; POST → form → one
action → redirect, domain errors shown as messages. Wired by InvoiceAdmin.get_urls (admin.py)."""

import datetime as dt
import io
import zipfile
from collections import OrderedDict

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.formats import iso_month
from core.headers import attachment_disposition
from core.time import HELSINKI

from . import actions, billable, finvoice, pdf, selectors
from .forms import (
    CreditForm,
    DraftForm,
    HeaderForm,
    LeaveOutForm,
    LineForm,
    MonthForm,
    PaidForm,
    SettingsForm,
    StatementForm,
)
from .models import FinvoiceBatch, Invoice, InvoiceLine, LeftOut


def _context(request, admin, title: str, **extra) -> dict:
    return {
        **admin.admin_site.each_context(request),
        "opts": Invoice._meta,
        "title": title,
        "list_url": reverse("admin:invoicing_invoice_changelist"),
        **extra,
    }


def _month_end(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _billable_url(first: dt.date) -> str:
    return reverse("admin:invoicing_invoice_billable") + f"?month={iso_month(first)}"


def billable_view(request, *, admin):
    """What is billable in a month, per payer, with one button to make the drafts."""
    today = selectors.today()
    first = MonthForm(request.GET).first_day(today)
    last = _month_end(first)
    seller = selectors.seller_now()
    items = billable.billable_items(first, last, vat_registered=seller.vat_registered)
    payers: OrderedDict[str, dict] = OrderedDict()
    for item in items:
        group = payers.setdefault(item.payer.key, {"payer": item.payer, "items": [], "total": 0})
        group["items"].append(item)
        group["total"] += item.amount
    left_out = LeftOut.objects.order_by("-at")[:20]  # the latest, to put back a mistake
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    return TemplateResponse(
        request,
        "invoicing/admin/billable.html",
        _context(
            request,
            admin,
            _("Billable in %(month)s") % {"month": f"{first.month}/{first.year}"},
            month=iso_month(first),
            payers=list(payers.values()),
            left_out=left_out,
            reasons=LeftOut.Reason.choices,
            previous_url=_billable_url(previous),
            next_url=_billable_url(last + dt.timedelta(days=1)),
            month_form=MonthForm(initial={"month": iso_month(first)}),
        ),
    )


@require_POST
def draft_view(request, *, admin):
    choices = [(key, key) for key in request.POST.getlist("payers")]
    form = DraftForm(request.POST, payer_choices=choices)
    if not form.is_valid():
        messages.error(request, _("Choose at least one payer."))
        return redirect(_billable_url(MonthForm(request.POST).first_day(selectors.today())))
    first = MonthForm(request.POST).first_day(selectors.today())
    try:
        drafts = actions.invoices_draft(
            first_day=first,
            last_day=_month_end(first),
            by_user=request.user,
            payers=set(form.cleaned_data["payers"]),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_billable_url(first))
    messages.success(request, _("%(count)s draft invoices made.") % {"count": len(drafts)})
    return redirect(reverse("admin:invoicing_invoice_changelist") + "?status__exact=draft")


@require_POST
def leave_out_view(request, *, admin):
    form = LeaveOutForm(request.POST)
    if form.is_valid():
        if "put_back" in request.POST:
            actions.billable_put_back(source=form.cleaned_data["source"])
        else:
            actions.billable_leave_out(
                source=form.cleaned_data["source"], reason=form.cleaned_data["reason"], by_user=request.user
            )
    return redirect(_billable_url(MonthForm(request.POST).first_day(selectors.today())))


def invoice_view(request, pk: int, *, admin):
    """A draft to edit and finalise, or a finalised invoice to download, mark paid or credit.
    A POST runs one action and comes back here; a form with errors is shown again, with its errors
    next to the fields and summarised on top (status 400)."""
    invoice = get_object_or_404(selectors.with_lines(Invoice.objects.all()), pk=pk)
    bound = {}
    if request.method == "POST":
        outcome = _invoice_post(request, invoice)
        if not isinstance(outcome, dict):
            return outcome
        bound = outcome
        invoice = get_object_or_404(selectors.with_lines(Invoice.objects.all()), pk=pk)
    document = selectors.document(invoice)
    today = selectors.today()
    draft = invoice.is_draft
    lines = [
        (line, bound.get(f"l{line.pk}") or LineForm(instance=line, prefix=f"l{line.pk}"))
        for line in invoice.lines.all()
    ]
    new_line = bound.get("new") or LineForm(
        prefix="new", initial={"quantity": 1, "vat_rate": "25.5" if document.seller.vat_registered else "0"}
    )
    forms_shown = [bound[key] for key in bound]
    return TemplateResponse(
        request,
        "invoicing/admin/invoice.html",
        _context(
            request,
            admin,
            str(invoice),
            invoice=invoice,
            doc=document,
            overdue=invoice.is_overdue(today),
            header=(bound.get("h") or HeaderForm(instance=invoice, prefix="h")) if draft else None,
            line_forms=lines if draft else [],
            new_line=new_line if draft else None,
            paid_form=bound.get("paid") or PaidForm(initial={"paid_on": today}),
            credit_form=CreditForm(),
            error_forms=forms_shown,
            payments=invoice.payments.all(),
            credit_notes=invoice.credit_notes.all(),
        ),
        status=400 if forms_shown else 200,
    )


def _invoice_post(request, invoice: Invoice):
    """One action per button. Returns a redirect, or {prefix: form} of a form with errors."""
    here = reverse("admin:invoicing_invoice_change", args=[invoice.pk])
    action = request.POST.get("action", "")
    try:
        if action == "header":
            form = HeaderForm(request.POST, instance=Invoice.objects.get(pk=invoice.pk), prefix="h")
            if not form.is_valid():
                return {"h": form}
            actions.invoice_update(
                invoice=invoice, **{f: form.cleaned_data[f] for f in HeaderForm.Meta.fields}
            )
            messages.success(request, _("The invoice's details were saved."))
        elif action in ("line", "add_line"):
            line = None
            if action == "line":
                line = get_object_or_404(InvoiceLine, pk=request.POST.get("line"), invoice=invoice)
            prefix = f"l{line.pk}" if line else "new"
            form = LineForm(request.POST, instance=line, prefix=prefix)
            if not form.is_valid():
                return {prefix: form}
            values = {f: form.cleaned_data[f] for f in LineForm.Meta.fields}
            if line is None:
                actions.invoice_line_add(invoice=invoice, **values)
            else:
                actions.invoice_line_update(line=line, **values)
            messages.success(request, _("The line was saved."))
        elif action == "remove_line":
            line = get_object_or_404(InvoiceLine, pk=request.POST.get("line"), invoice=invoice)
            actions.invoice_line_remove(line=line)
            messages.success(request, _("The line was removed; what it billed is billable again."))
        elif action == "finalise":
            invoice = actions.invoice_finalise(invoice=invoice, by_user=request.user)
            messages.success(
                request, _("Invoice %(number)s is finalised and sent.") % {"number": invoice.number}
            )
        elif action == "delete":
            actions.invoice_delete(invoice=invoice)
            messages.success(request, _("The draft was deleted; its items are billable again."))
            return redirect("admin:invoicing_invoice_changelist")
        elif action == "paid":
            form = PaidForm(request.POST)
            if not form.is_valid():
                return {"paid": form}
            actions.invoice_mark_paid(
                invoice=invoice,
                paid_on=form.cleaned_data["paid_on"],
                amount=form.cleaned_data["amount"],
                by_user=request.user,
            )
            messages.success(request, _("The payment was recorded."))
        elif action == "credit":
            form = CreditForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            note = actions.invoice_credit(invoice=invoice, by_user=request.user, reason=reason)
            messages.success(request, _("Credit note %(number)s was made.") % {"number": note.number})
            return redirect("admin:invoicing_invoice_change", note.pk)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(here)


def pdf_view(request, pk: int, *, admin):
    invoice = get_object_or_404(selectors.with_lines(Invoice.objects.all()), pk=pk)
    document = selectors.document(invoice)
    response = HttpResponse(pdf.render(document), content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(pdf.filename(document))
    return response


def _finvoice(invoice: Invoice) -> bytes:
    return finvoice.build(selectors.document(invoice), sent_at=invoice.finalised_at or timezone.now())


def finvoice_view(request, pk: int, *, admin):
    invoice = get_object_or_404(selectors.with_lines(Invoice.objects.all()), pk=pk)
    if invoice.is_draft:
        raise Http404
    response = HttpResponse(_finvoice(invoice), content_type="application/xml")
    response["Content-Disposition"] = attachment_disposition(f"{invoice.number}.xml")
    return response


def batches_view(request, *, admin):
    if request.method == "POST":
        batch = actions.finvoice_batch_make(by_user=request.user)
        if batch is None:
            messages.info(request, _("No e-invoices are waiting."))
        else:
            messages.success(request, _("Batch %(pk)s is ready to download.") % {"pk": batch.pk})
        return redirect("admin:invoicing_invoice_batches")
    return TemplateResponse(
        request,
        "invoicing/admin/batches.html",
        _context(
            request,
            admin,
            _("Finvoice batches"),
            waiting=selectors.waiting_einvoices(),
            batches=FinvoiceBatch.objects.prefetch_related("invoices")[:50],
        ),
    )


def batch_zip(batch: FinvoiceBatch) -> bytes:
    """The batch as a zip: each invoice's Finvoice XML and its PDF (the attachment), side by side."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for invoice in selectors.batch_invoices(batch):
            document = selectors.document(invoice)
            stamp = invoice.finalised_at.astimezone(HELSINKI).timetuple()[:6]
            archive.writestr(zipfile.ZipInfo(f"{invoice.number}.xml", stamp), _finvoice(invoice))
            archive.writestr(zipfile.ZipInfo(f"{invoice.number}.pdf", stamp), pdf.render(document))
    return out.getvalue()


def batch_download_view(request, pk: int, *, admin):
    batch = get_object_or_404(FinvoiceBatch, pk=pk)
    response = HttpResponse(batch_zip(batch), content_type="application/zip")
    response["Content-Disposition"] = attachment_disposition(f"finvoice-batch-{batch.pk}.zip")
    return response


def import_view(request, *, admin):
    """Upload a camt.054 statement: payments matched on reference numbers, invoices marked paid."""
    result = None
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.payments_import(data=form.cleaned_data["statement"], by_user=request.user)
        except DomainError as exc:
            form.add_error("statement", exc.message)
    return TemplateResponse(
        request,
        "invoicing/admin/import.html",
        _context(request, admin, _("Import a bank statement"), form=form, result=result),
        status=400 if form.errors else 200,
    )


def settings_view(request, *, admin):
    row = selectors.settings_row()
    form = SettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        actions.invoicing_settings_save(**{f: form.cleaned_data[f] for f in SettingsForm.Meta.fields})
        messages.success(request, _("The invoicing settings were saved."))
        return redirect("admin:invoicing_invoice_settings")
    return TemplateResponse(
        request,
        "invoicing/admin/settings.html",
        _context(request, admin, _("Invoicing settings"), form=form),
        status=400 if form.errors else 200,
    )
