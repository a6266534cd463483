"""Long subjects are folded over several header lines; read back as mail programs read them (RFC
2047: the whitespace between two encoded words vanishes, any other stays), they are exactly what
was written: never "klo  10.00" with a double space."""

import email
from email.header import decode_header, make_header

import pytest

from notifications.delivery import email_for
from notifications.models import Message
from notifications.registry import Email

pytestmark = pytest.mark.django_db
WHEN = "ma 29.3.2027 klo 10.00–11.00"
SERVICES = ["Työnohjaus", "Yksilötyönohjaus", "Työnohjaus esihenkilöille", "Sovittelu"] + [
    "Ohjaus" + "a" * n for n in range(0, 60, 3)
]


def read_back(mail) -> tuple[str, str]:
    """(the Subject as a mail program shows it, its raw header lines)."""
    raw = mail.message().as_bytes()
    parsed = email.message_from_bytes(raw)
    return str(make_header(decode_header(parsed["Subject"]))), parsed["Subject"]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("template", ["Muistutus: {service}, {when}", "Varaus siirretty {when}: {service}"])
def test_a_folded_subject_reads_exactly_as_written(service, template):
    subject = template.format(service=service, when=WHEN)
    row = Message(key=f"test:{service}", recipient="aino@example.fi", language="fi")
    shown, raw = read_back(email_for(row, Email(subject=subject, text="Hei")))
    assert shown == subject, raw
    assert all(len(line) <= 78 for line in raw.splitlines())


def test_an_ascii_subject_stays_readable_as_it_is():
    subject = "Reminder: Supervision, Tue 24 Nov 2026, 14:00-15:30"
    row = Message(key="test:ascii", recipient="ben@example.fi", language="en")
    shown, raw = read_back(email_for(row, Email(subject=subject, text="Hi")))
    assert shown == subject == raw
