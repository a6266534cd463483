"""The PDF of an invoice: WeasyPrint from an HTML template, A4, in the invoice's language.

Everything is drawn here, the bank barcode included (inline SVG); the renderer is given a fetcher
that refuses every URL, so making a PDF never sends a request anywhere.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from .document import Document

STYLE = Path(__file__).parent / "templates" / "invoicing" / "pdf" / "invoice.css"


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"invoice PDFs load nothing: {url}")


def html(document: Document) -> str:
    with translation.override(document.language):
        return render_to_string("invoicing/pdf/invoice.html", {"doc": document})


def render(document: Document) -> bytes:
    from weasyprint import CSS, HTML  # imported when a PDF is made: it loads Pango

    return HTML(string=html(document), url_fetcher=_no_fetch).write_pdf(
        stylesheets=[CSS(string=STYLE.read_text(), url_fetcher=_no_fetch)]
    )


def filename(document: Document) -> str:
    return f"{document.number or 'draft'}.pdf"
