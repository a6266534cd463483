"""The world the permission matrix walks: one mediation case with two parties and a contact person,
an event with a health declaration, and a row of every model that admin shows, made once per test
module through the real actions (the notes, a document and the agreement's text as admin's forms save
them). Confidential texts carry known markers, so that a page can be searched for every kind of
content at once.

The eight roles: an anonymous visitor, party A, party B and the case's contact person (no account:
they hold their personal links), a staff member without a practitioner's calendar, a practitioner
who is not the case's mediator (the event is theirs), the case's mediator, and a superuser. Every
staff account holds every model permission, as the worst case the policy has to stand.
"""

import datetime as dt
from dataclasses import dataclass, field

import time_machine
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.actions.hours import time_off_add
from bookings.models import Feedback
from calendar_sync.actions import calendar_feed_regenerate
from calendar_sync.models import ExternalCalendar
from core.time import HELSINKI
from events.models import health_answers
from invoicing.actions.drafts import invoices_draft
from mediation.actions.case import case_confirm_commission, case_move_stage
from mediation.actions.followup import checkin_answer
from mediation.actions.links import contact_link_issue, party_link_issue
from mediation.actions.parties import intake_save, party_consent
from mediation.models import Agreement, Commitment, StageDocument, StageRecord
from notifications.models import Message
from practice.selectors import profile
from privacy.models import PrivacyRequest
from services.models import Page, ServiceRequest
from tests.events.factories import EventFactory, SeatBookingFactory, group_type
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    SessionTypeFactory,
    StaffFactory,
    open_every_day,
)
from tests.mediation.conftest import book_meeting, to_stage
from tests.mediation.factories import MediationCaseFactory, PartyFactory
from tests.series.factories import SeriesFactory

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki

# One marker per confidential kind, ASCII so that JSON, CSV and HTML keep it as it is.
ANSWER_A = "mxanswerofpartya"
ANSWER_B = "mxanswerofpartyb"
NOTE = "mxmediatorsnote"
AGREEMENT = "mxagreementtext"
CHECKIN = "mxcheckinanswer"
DOCUMENT = "mxdocumentname"
HEALTH = "mxhealthdeclaration"
# Who the case is about: its title and party A's name, for its mediator (and a superuser's
# overview) and the parties, never for other staff.
TITLE = "mxcasetitle"
PARTY_NAME = "mxpartyname"
WHO = frozenset({TITLE, PARTY_NAME})
# A mediation request's message (it tells of a conflict): practitioners read it, other staff don't.
CONFLICT = "mxconflictinrequest"
MARKERS = (ANSWER_A, ANSWER_B, NOTE, AGREEMENT, CHECKIN, DOCUMENT, HEALTH, TITLE, PARTY_NAME, CONFLICT)
# What the case's mediator reads of a case (the desk and its pages).
CASE_CONTENT = frozenset({ANSWER_A, ANSWER_B, NOTE, AGREEMENT, CHECKIN, DOCUMENT})

ANONYMOUS, PARTY_A, PARTY_B, CONTACT = "anonymous", "party_a", "party_b", "contact"
STAFF, PRACTITIONER, MEDIATOR, SUPERUSER = "staff", "practitioner", "mediator", "superuser"
ROLES = (ANONYMOUS, PARTY_A, PARTY_B, CONTACT, STAFF, PRACTITIONER, MEDIATOR, SUPERUSER)
# A link of the right shape that opens nothing: what a role without its own link puts in the URL.
NO_TOKEN = "A" * 43


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> user (roles with an account)
    tokens: dict = field(default_factory=dict)  # role -> {purpose: token} (the links a role holds)
    objects: dict = field(default_factory=dict)  # name -> the row a URL of the matrix opens


def _staff(**fields):
    user = StaffFactory(**fields)
    user.user_permissions.set(Permission.objects.all())
    return user


def _mediation(world: World, clock) -> None:
    mediator = PractitionerFactory(display_name="Sanna Sovittelija", user=_staff(username="mediator"))
    open_every_day(mediator)
    case = MediationCaseFactory(mediator=mediator, title=f"Tiimin yhteistyö {TITLE}")
    party_a = PartyFactory(case=case, name=f"Aino {PARTY_NAME}", email="aino@example.fi")
    party_b = PartyFactory(case=case, name="Ben Party", email="ben@example.fi", language="en")
    parties = [party_a, party_b]
    case_confirm_commission(case=case, name=case.contact_name)
    for party, answer in ((party_a, ANSWER_A), (party_b, ANSWER_B)):
        party_consent(party=party)
        intake_save(party=party, answers={"situation": answer}, submit=True)
    record = StageRecord.objects.get(case=case, stage=1)
    record.notes = NOTE
    record.save()
    document = StageDocument.objects.create(case=case, stage=1, name=f"{DOCUMENT}.txt", data="aGVsbG8=")
    agreement = Agreement.objects.create(case=case, preamble=AGREEMENT)
    Commitment.objects.create(
        agreement=agreement, who="Aino", what="Tells first", due_date=dt.date(2027, 4, 1)
    )
    case_move_stage(case=case, to_stage=2)  # past stage 1 here: to_stage would answer for them
    case = to_stage(case, parties, 6, clock)
    checkin = case.checkins.filter(party=party_a).order_by("due_at").first()
    clock.move_to(checkin.due_at + dt.timedelta(hours=1))
    checkin_answer(checkin=checkin, holding=CHECKIN, changed="", wants_meeting="no")
    # A follow-up meeting later today: on the calendar, the agenda and the mediator's feed.
    upcoming = book_meeting(case, parties, start=(timezone.now() + dt.timedelta(hours=2)).replace(minute=0))
    world.users[MEDIATOR] = mediator.user
    world.tokens[PARTY_A] = {"party": party_link_issue(party=party_a)}
    world.tokens[PARTY_B] = {"party": party_link_issue(party=party_b)}
    world.tokens[CONTACT] = {"contact": contact_link_issue(case=case)}
    world.tokens[MEDIATOR] = {"feed": calendar_feed_regenerate(practitioner=mediator)}
    world.objects.update(
        case=case,
        case_type=ContentType.objects.get_for_model(case),
        checkin=checkin,
        meeting=case.meetings.order_by("start").first(),  # held before the agreement
        meeting_block=upcoming.block,
        agreement=agreement,
        document=document,
        party_a=party_a,
        mediator=mediator,
    )


def _calendar(world: World) -> None:
    practitioner = PractitionerFactory(display_name="Pekka Ohjaaja", user=_staff(username="practitioner"))
    open_every_day(practitioner)
    world.users[PRACTITIONER] = practitioner.user
    world.tokens[PRACTITIONER] = {"feed": calendar_feed_regenerate(practitioner=practitioner)}
    event = EventFactory(session_type=group_type(practitioner))
    seat = SeatBookingFactory(event=event, health=health_answers(["epilepsy"], HEALTH), consent=True)
    session_type = SessionTypeFactory(practitioners=[practitioner], min_notice_hours=0)
    past = BookingFactory(
        session_type=session_type,
        start=timezone.now() - dt.timedelta(days=7),
        now=timezone.now() - dt.timedelta(days=9),
        completed=True,
    )
    booking = BookingFactory(session_type=session_type)
    feedback = Feedback.objects.create(booking=past, rating=5, helped="Kuunteleminen auttoi.")
    start = dt.datetime.combine(booking.start.date() + dt.timedelta(days=3), dt.time(12), tzinfo=HELSINKI)
    time_off = time_off_add(practitioner=practitioner, start=start, end=start + dt.timedelta(hours=2))
    series = SeriesFactory()
    day = past.start.astimezone(HELSINKI).date()
    [invoice] = invoices_draft(first_day=day, last_day=day, payers=None)
    world.objects.update(
        practitioner=practitioner,
        event=event,
        seat=seat,
        booking=booking,
        feedback=feedback,
        time_off=time_off,
        block=booking.block,
        series=series,
        agreement_of_series=series.agreement,
        session_type=session_type,
        invoice=invoice,
        external_calendar=ExternalCalendar.objects.create(
            practitioner=practitioner, url="https://calendar.example.fi/busy.ics"
        ),
    )


def _site(world: World) -> None:
    superuser = StaffFactory(username="superuser", is_superuser=True)
    staff = _staff(username="staff")
    world.users.update({STAFF: staff, SUPERUSER: superuser})
    world.objects.update(
        profile=profile(),
        page=Page.objects.order_by("pk").first(),
        service_request=ServiceRequest.objects.create(
            kind="talk",
            organisation_name="Esimerkki Oy",
            business_id="0112038-9",
            contact_name="Maija Meikäläinen",
            email="maija@example.fi",
            message="Luento hyvinvointipäivään.",
            submission_key="matrix",
        ),
        # A mediation request not yet opened as a case: its message tells of a conflict.
        mediation_request=ServiceRequest.objects.create(
            kind="mediation",
            organisation_name="Riita Oy",
            business_id="0112038-9",
            contact_name="Riitta Riitanen",
            email="riitta@example.fi",
            message=f"Tiimissä on ristiriita. {CONFLICT}",
            submission_key="matrix-mediation",
        ),
        message=Message.objects.filter(target_type__app_label="mediation").order_by("pk").first(),
        privacy_request=PrivacyRequest.objects.create(
            kind="export", email="maija@example.fi", done_by=superuser
        ),
        user=staff,
        group=Group.objects.create(name="Toimisto"),
        totp=TOTPDevice.objects.create(user=superuser, name="puhelin"),
        static=StaticDevice.objects.create(user=superuser, name="varakoodit"),
    )


def build(clock) -> World:
    world = World()
    _mediation(world, clock)
    _calendar(world)
    _site(world)
    return world


def module_world(django_db_blocker):
    """Builds the world inside Django's own class-level transaction (as TestCase.setUpTestData
    does), yields it, and rolls it back: each test adds its own savepoint on top. The clock stays
    where the world left it (after the case's first check-in was due) until the module ends."""
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False) as clock:
        atomics = TestCase._enter_atomics()
        try:
            yield build(clock)
        finally:
            TestCase._rollback_atomics(atomics)
