"""Cases in the states the tests need, made through the real actions (the clock is fixed)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.time import HELSINKI
from mediation.actions.agreement import agreement_confirm, agreement_publish
from mediation.actions.case import case_confirm_commission, case_move_stage
from mediation.actions.links import party_link_issue
from mediation.actions.parties import intake_save, party_consent
from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
from mediation.models import Agreement, Commitment, Meeting
from tests.factories import PractitionerFactory, open_every_day
from tests.mediation.factories import MediationCaseFactory, PartyFactory

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki


def helsinki(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mediator(db):
    practitioner = PractitionerFactory(display_name="Sanna Sovittelija")
    open_every_day(practitioner)
    return practitioner


@pytest.fixture
def case(mediator):
    return MediationCaseFactory(mediator=mediator)


@pytest.fixture
def parties(case):
    return [
        PartyFactory(case=case, name="Aino Osapuoli", email="aino@example.fi", language="fi"),
        PartyFactory(case=case, name="Ben Party", email="ben@example.fi", language="en"),
    ]


def token_for(party) -> str:
    return party_link_issue(party=party)


def prepare(case, parties, *, answers=None):
    """Stage 1 done: commissioning agreement confirmed, every party consented and sent the form."""
    case_confirm_commission(case=case, name=case.contact_name)
    for party in parties:
        party_consent(party=party)
        intake_save(party=party, answers=answers or {"situation": f"view of {party.name}"}, submit=True)


def book_meeting(case, parties, *, start=None, kind=Meeting.Kind.JOINT, minutes=120):
    meeting = meeting_create(case=case, kind=kind, parties=parties, duration_minutes=minutes)
    start = start or (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)
    [proposal] = meeting_propose_times(meeting=meeting, starts=[start])
    return meeting_book(meeting=meeting, proposal=proposal)


def write_agreement(case, *, commitments=(("Aino", "Tells first", dt.date(2027, 4, 1)),)):
    agreement = Agreement.objects.create(case=case, preamble="We agree to talk.")
    for position, (who, what, due) in enumerate(commitments):
        Commitment.objects.create(agreement=agreement, who=who, what=what, due_date=due, position=position)
    return agreement


def to_stage(case, parties, stage: int, clock):
    """Walks the case through the real actions to `stage` (moving the clock past a meeting)."""
    case.refresh_from_db()
    if case.stage == 1 and stage > 1:
        prepare(case, parties)
        case = case_move_stage(case=case, to_stage=2)
    if case.stage == 2 and stage > 2:
        meeting = book_meeting(case, parties)
        clock.move_to(meeting.end + dt.timedelta(hours=1))
        case = case_move_stage(case=case, to_stage=3)
    while case.stage < min(stage, 5):
        case = case_move_stage(case=case, to_stage=case.stage + 1)
    if stage == 6:
        agreement = Agreement.objects.filter(case=case).first() or write_agreement(case)
        if agreement.published_at is None:
            agreement = agreement_publish(agreement=agreement)
        for party in parties:
            agreement_confirm(party=party, version=agreement.version)
        case = case_move_stage(case=case, to_stage=6)
    return case
