"""The practitioner's daily agenda email lists every block of the day from the one calendar table:
bookings, events, mediation meetings (under a neutral label: no case, party or topic) and time off.
A day with only a mediation meeting gets an agenda too. The clock is moved to the morning."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from bookings.actions.hours import time_off_add
from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
from notifications.actions import messages_send_due
from notifications.models import Message
from tests.events.factories import EventFactory, group_type
from tests.factories import BookingFactory, PractitionerFactory, SessionTypeFactory, open_every_day
from tests.mediation.conftest import prepare
from tests.mediation.factories import MediationCaseFactory, PartyFactory
from tests.notifications.conftest import helsinki

pytestmark = pytest.mark.django_db
NOW = helsinki(2027, 3, 1, 10)  # Monday
DAY = dt.date(2027, 3, 3)  # Wednesday


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mediator(db):
    practitioner = PractitionerFactory(display_name="Sanna Sovittelija", language="fi")
    open_every_day(practitioner)
    return practitioner


def mediation_meeting(mediator, *, hour: int, place: str = "Kamppi"):
    case = MediationCaseFactory(mediator=mediator, title="Riita varastotiimissä")
    parties = [
        PartyFactory(case=case, name="Aino Osapuoli", email="aino@example.fi"),
        PartyFactory(case=case, name="Ben Party", email="ben@example.fi", language="en"),
    ]
    prepare(case, parties, answers={"situation": "Salainen kuvaus riidasta"})
    meeting = meeting_create(case=case, kind="joint", parties=parties, duration_minutes=120, place=place)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 3, 3, hour)])
    return meeting_book(meeting=meeting, proposal=proposal)


def agenda_on_the_morning(clock, practitioner):
    """The send pass of the evening before queues the day's agenda; the morning's sends it."""
    clock.move_to(helsinki(2027, 3, 2, 20))
    messages_send_due()
    mail.outbox.clear()
    clock.move_to(helsinki(2027, 3, 3, 7))
    messages_send_due()
    return [m for m in mail.outbox if m.to == [practitioner.email]]


def test_a_day_with_only_a_mediation_meeting_gets_an_agenda_without_confidential_text(clock, mediator):
    mediation_meeting(mediator, hour=13)
    [agenda] = agenda_on_the_morning(clock, mediator)
    assert agenda.subject == "Päiväsi ke 3.3.2027: 1 kalenterimerkintä"
    assert "13.00–15.00 Sovittelutapaaminen, Kamppi" in agenda.body
    html = agenda.alternatives[0].content
    assert "Sovittelutapaaminen, Kamppi" in html
    for secret in ("Riita varastotiimissä", "Aino", "Ben Party", "Salainen", "Case", "Asia #"):
        assert secret not in agenda.body and secret not in html
    assert "/admin/mediation/mediationcase/" in agenda.body  # the way to the case, for its mediator


def test_the_agenda_lists_every_kind_of_block_of_the_day_in_time_order(clock, mediator):
    session_type = SessionTypeFactory(practitioners=[mediator], name="Työnohjaus")
    BookingFactory(session_type=session_type, start=helsinki(2027, 3, 3, 9), client_name="Aamu Asiakas")
    mediation_meeting(mediator, hour=11)
    time_off_add(
        practitioner=mediator,
        start=helsinki(2027, 3, 3, 14),
        end=helsinki(2027, 3, 3, 15),
        reason="Hammaslääkäri",
    )
    EventFactory(session_type=group_type(mediator), days=2, hour=18)
    [agenda] = agenda_on_the_morning(clock, mediator)
    assert agenda.subject == "Päiväsi ke 3.3.2027: 3 kalenterimerkintää"  # time off is listed, not counted
    body = agenda.body
    lines = [
        "09.00–10.00 Työnohjaus",
        "11.00–13.00 Sovittelutapaaminen, Kamppi",
        "14.00–15.00 Vapaa",
        "Hammaslääkäri",
        "18.00–19.00 Tilaisuus: Avoin sointurentoutusilta",
    ]
    positions = [body.index(line) for line in lines]
    assert positions == sorted(positions)
    assert "Aamu Asiakas" in body and "Riita" not in body


def test_a_day_of_time_off_alone_gets_no_agenda(clock, mediator):
    time_off_add(practitioner=mediator, start=helsinki(2027, 3, 2, 0), end=helsinki(2027, 3, 5, 0))
    assert agenda_on_the_morning(clock, mediator) == []
    assert Message.objects.get(kind="practitioner_agenda", context__day=DAY.isoformat()).status == "cancelled"


def test_the_agenda_page_names_the_case_in_finnish(clock, client, mediator, settings):
    settings.LANGUAGE_CODE = "fi"
    mediation_meeting(mediator, hour=13)
    mediator.user.user_permissions.add(Permission.objects.get(codename="view_booking"))
    client.force_login(mediator.user)
    page = client.get(reverse("admin:workspace_agenda"), {"day": DAY.isoformat()}).content.decode()
    assert "Riita varastotiimissä" in page  # the mediator sees their own case
    assert "<dt>Sovittelu</dt>" in page and "<dt>Case</dt>" not in page
