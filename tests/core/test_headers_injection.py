"""Header injection: a line break in anything that ends up in a header (an email's subject, the
sender's name, Reply-To, an attachment's or a download's file name) becomes a space, so it can
neither add a header nor make a message fail for good (core.headers)."""

import pytest

from core.headers import attachment_disposition, header_safe
from notifications.actions import messages_send_due
from notifications.models import Message
from services.actions import request_submit
from services.kinds import RequestMessage
from services.models import ServiceRequest

INJECTED = "Esimerkki Oy\r\nBcc: evil@example.com\n\rX-Evil: 1\u2028end"


def test_header_safe_makes_one_line_of_any_line_break():
    assert header_safe(INJECTED) == "Esimerkki Oy Bcc: evil@example.com X-Evil: 1 end"
    assert header_safe("  Ajanvaraus:\tti 24.11.  ") == "Ajanvaraus: ti 24.11."
    assert header_safe("nul\x00byte\x7f") == "nul byte"


def test_a_download_name_with_a_line_break_stays_one_header():
    value = attachment_disposition("raportti\r\nSet-Cookie: x=1.txt")
    assert "\r" not in value and "\n" not in value
    assert value.startswith("attachment; filename")
    assert attachment_disposition("calendar.ics", inline=True) == 'inline; filename="calendar.ics"'


@pytest.mark.django_db
def test_a_request_with_a_line_break_in_its_organisation_name_is_still_notified(mailoutbox, practice_profile):
    practice_profile.name = "Ohjaamo\r\nBcc: evil@example.com"
    practice_profile.save()
    request = ServiceRequest(
        kind="talks",
        language="fi",
        organisation_name=INJECTED,
        business_id="0112038-9",
        contact_name="Maija\nMeikäläinen",
        email="maija@example.fi",
        preferred_dates=["2027-04-15"],
        topic="Palautuminen",
        submission_key="header-test",
    )
    request_submit(request=request)
    messages_send_due()
    notice = Message.objects.get(kind=RequestMessage.NOTIFY)
    assert notice.status == Message.Status.SENT, notice.last_error
    [mail] = [m for m in mailoutbox if m.to == [practice_profile.email]]
    raw = mail.message().as_bytes().decode()
    headers = raw.split("\n\n", 1)[0]
    assert "\nBcc:" not in headers and "\nX-Evil:" not in headers
    assert "Esimerkki Oy Bcc: evil@example.com" in mail.subject
    assert "\n" not in mail.subject and "\n" not in mail.from_email
