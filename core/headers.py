"""Text bound for a header (an email's Subject, From and Reply-To names, attachment names, an HTTP
Content-Disposition filename) is one line: CR, LF and every other line break or control character
become a space. A name typed into a form with a line break in it can then neither add a header
(`Bcc:`) nor make a message fail for good when Django refuses it."""

import re

from django.utils.http import content_disposition_header

_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def header_safe(value) -> str:
    """`value` as one line: control characters and line breaks become spaces, runs of white space
    one space, none at either end."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def attachment_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition of a download named `filename` (non-ASCII names encoded per RFC 6266)."""
    return content_disposition_header(not inline, header_safe(filename))
