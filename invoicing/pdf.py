"""The PDF of an invoice: WeasyPrint from an HTML template, A4, in the invoice's language.

Everything is drawn here, the bank barcode included (inline SVG); the renderer is given a fetcher
that refuses every URL, so making a PDF never sends a request anywhere.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from PIL import ImageFile

from .document import Document

STYLE = Path(__file__).parent / "templates" / "invoicing" / "pdf" / "invoice.css"


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"invoice PDFs load nothing: {url}")


def html(document: Document) -> str:
    with translation.override(document.language):
        return render_to_string("invoicing/pdf/invoice.html", {"doc": document})


def render(document: Document) -> bytes:
    from weasyprint import CSS, HTML  # imported when a PDF is made: it loads Pango

    # Importing WeasyPrint turns on Pillow's "load truncated images" for the whole process; the
    # practice's upload check relies on it being off (a cut photo is refused, not stored half grey),
    # and an invoice embeds no uploaded picture. So it goes back off.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    return HTML(string=html(document), url_fetcher=_no_fetch).write_pdf(
        stylesheets=[CSS(string=STYLE.read_text(), url_fetcher=_no_fetch)]
    )


def filename(document: Document) -> str:
    return f"{document.number or 'draft'}.pdf"
