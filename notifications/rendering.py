"""Helpers for message builders: templates to an Email, absolute links.

Email templates come in pairs, `<name>.txt` and `<name>.html`, and usually extend
`notifications/email/base.txt` / `notifications/email/base.html` (block `body`). They are
rendered in the active language (the sender activates the message's language). HTML mail
carries its styles inline and loads nothing from elsewhere: no remote images, no web fonts.
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from core.headers import header_safe
from practice.selectors import profile

from .registry import Email

_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def absolute_url(viewname: str, *args, **kwargs) -> str:
    """SITE_URL + the path of `viewname` in the active language (e.g. /sv/… for Swedish)."""
    return settings.SITE_URL + reverse(viewname, args=args or None, kwargs=kwargs or None)


def absolute_url_or_none(viewname: str, *args, **kwargs) -> str | None:
    """Like absolute_url, or None when no such URL exists (an optional link in a message)."""
    try:
        return absolute_url(viewname, *args, **kwargs)
    except NoReverseMatch:
        return None


def tidy_text(text: str) -> str:
    """Template tags leave blank lines and trailing spaces in plain text; keep paragraphs only."""
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def render_email(
    template: str,
    context: dict,
    *,
    subject: str,
    attachments: list[tuple[str, bytes | str, str]] | None = None,
    reply_to: list[str] | None = None,
) -> Email:
    """Renders `<template>.txt` and `<template>.html` into an Email with this subject."""
    context = {
        "subject": subject,
        "LANGUAGE_CODE": translation.get_language(),
        "practice": profile(),  # the signature: name, practitioner, contact details
        "SITE_URL": settings.SITE_URL,
        **context,
    }
    return Email(
        subject=header_safe(subject),
        text=tidy_text(render_to_string(f"{template}.txt", context)),
        html=render_to_string(f"{template}.html", context),
        attachments=list(attachments or []),
        reply_to=list(reply_to or []),
    )
