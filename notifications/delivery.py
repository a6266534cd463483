"""From an Email and its row to a Django email, and what an SMTP error means for the row."""

import email.message
import email.policy
import smtplib
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from core.headers import header_safe
from practice.selectors import profile

from .models import Message
from .registry import Email


def _attachment(filename: str, content: bytes | str, mimetype: str):
    """An attachment; a mimetype with parameters (text/calendar; method=REQUEST) keeps them."""
    maintype_subtype, *params = [part.strip() for part in mimetype.split(";")]
    if not params:
        return (filename, content, mimetype)
    maintype, subtype = maintype_subtype.split("/", 1)
    part = email.message.MIMEPart()
    parameters = dict(param.split("=", 1) for param in params if "=" in param)
    parameters.pop("charset", None)
    if maintype == "text":
        text = content.decode() if isinstance(content, bytes) else content
        part.set_content(
            text, subtype=subtype, params=parameters, disposition="attachment", filename=filename
        )
    else:
        data = content.encode() if isinstance(content, str) else content
        part.set_content(
            data,
            maintype=maintype,
            subtype=subtype,
            params=parameters,
            disposition="attachment",
            filename=filename,
        )
    return part


def sender() -> str:
    """DEFAULT_FROM_EMAIL's address under the practice's current name (its profile): renaming the
    practice renames the sender too, while the address stays the one the mail server accepts."""
    return str(
        Address(display_name=header_safe(profile().name), addr_spec=parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
    )


class _Mail(EmailMultiAlternatives):
    """Django's email with a subject folded whole. Python's folding of a long non-ASCII subject
    may break a line before a space and carry that space in an encoded word of its own
    (`klo\\n =?utf-8?q?_?==?utf-8?q?10=2E00…`), which mail programs rightly show as "klo  10.00".
    The subject is encoded as one run of encoded words instead, folded between them, where
    the line breaks carry no space: it reads exactly as written."""

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        subject = str(self.subject)
        if not subject.isascii():
            del msg["Subject"]
            msg.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())
        return msg


def email_for(message: Message, built: Email) -> EmailMultiAlternatives:
    """The Django email of a built message: text with an HTML alternative, attachments, and a
    Message-ID derived from the row. Every header-bound text is one line (core.headers), whatever
    a sender typed into the names it is made of."""
    headers = {
        "Message-ID": message.message_id,
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": message.language,
        **built.headers,
    }
    mail = _Mail(
        subject=header_safe(built.subject),
        from_email=sender(),
        body=built.text,
        to=[header_safe(message.recipient)],
        reply_to=[header_safe(address) for address in built.reply_to] or None,
        headers={name: header_safe(value) for name, value in headers.items()},
    )
    if built.html:
        mail.attach_alternative(built.html, "text/html")
    for filename, content, mimetype in built.attachments:
        attachment = _attachment(header_safe(filename), content, mimetype)
        if isinstance(attachment, tuple):
            mail.attach(*attachment)
        else:
            mail.attach(attachment)
    return mail


@dataclass(frozen=True)
class Verdict:
    permanent: bool  # retrying will not help: mark the message failed
    connection: bool  # the server or the connection is at fault: stop this pass, retry later
    reason: str


def _code_text(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return f"{code} {text}".strip()


def classify(exc: Exception) -> Verdict:
    """SMTP replies 4xx are transient, 5xx permanent; a lost connection or refused login is
    transient and stops the pass; a malformed address is permanent; anything unknown is retried."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = list(exc.recipients.values())
        permanent = any(code >= 500 for code, _text in replies)
        reason = "; ".join(_code_text(code, text) for code, text in replies)
        return Verdict(permanent, False, f"recipient refused: {reason}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return Verdict(False, True, f"server disconnected: {exc}")
    if isinstance(exc, smtplib.SMTPAuthenticationError | smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        return Verdict(False, True, f"{exc.__class__.__name__}: {_code_text(exc.smtp_code, exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPResponseException):
        reason = f"{exc.__class__.__name__}: {_code_text(exc.smtp_code, exc.smtp_error)}"
        return Verdict(exc.smtp_code >= 500, False, reason)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Verdict(False, True, f"server does not support: {exc}")
    if isinstance(exc, OSError):  # refused, timed out, name not resolved, TLS failure
        return Verdict(False, True, f"{exc.__class__.__name__}: {exc}")
    if isinstance(exc, ValueError):  # Django refuses a malformed address before sending
        return Verdict(True, False, f"invalid message: {exc}")
    return Verdict(False, False, f"{exc.__class__.__name__}: {exc}")
