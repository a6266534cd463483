"""The stage guards through the real actions, the history, closing, and the commissioning agreement."""

import datetime as dt

import pytest

from mediation.actions.agreement import agreement_confirm, agreement_publish
from mediation.actions.case import (
    case_advance_stage,
    case_close,
    case_confirm_commission,
    case_move_stage,
    case_remind,
    case_send_commission,
)
from mediation.actions.parties import intake_save, party_consent
from mediation.exceptions import AgreementChanged, AgreementNotReady, CaseNotOpen, StageNotReady
from mediation.models import CheckIn, MediationCase, Meeting, StageChange, StageRecord
from mediation.stages import Refusal
from notifications.models import Message
from tests.factories import StaffFactory
from tests.mediation.factories import PartyFactory

from .conftest import book_meeting, prepare, to_stage, write_agreement

pytestmark = pytest.mark.django_db


def test_a_new_case_has_six_stage_records_and_an_opening_line_in_its_history(case):
    assert sorted(StageRecord.objects.filter(case=case).values_list("stage", flat=True)) == [1, 2, 3, 4, 5, 6]
    [opened] = case.stage_changes.all()
    assert (opened.kind, opened.from_stage, opened.to_stage) == (StageChange.Kind.OPENED, None, 1)


def test_the_opening_session_is_refused_until_every_guard_holds(case, parties, clock):
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=2)
    assert refused.value.refusals == [
        Refusal.COMMISSION_UNCONFIRMED,
        Refusal.CONSENT_MISSING,
        Refusal.FORM_MISSING,
    ]
    case_confirm_commission(case=case, name="Hanna")
    party_consent(party=parties[0])
    intake_save(party=parties[0], answers={}, submit=True)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=2)
    assert refused.value.refusals == [Refusal.CONSENT_MISSING, Refusal.FORM_MISSING]
    party_consent(party=parties[1])
    intake_save(party=parties[1], answers={"hopes": "peace"}, submit=False)  # a draft is not enough
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=2)
    assert refused.value.refusals == [Refusal.FORM_MISSING]
    intake_save(party=parties[1], answers={"hopes": "peace"}, submit=True)
    case = case_advance_stage(case=case, note="all set")
    assert case.stage == 2
    assert case.stage_changes.order_by("pk").last().note == "all set"
    case.refresh_from_db()
    assert case.stage == 2


def test_a_single_party_is_not_a_mediation(case, clock):
    party = PartyFactory(case=case)
    case_confirm_commission(case=case, name="Hanna")
    party_consent(party=party)
    intake_save(party=party, answers={}, submit=True)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=2)
    assert refused.value.refusals == [Refusal.TOO_FEW_PARTIES]


def test_problem_definition_waits_until_a_meeting_has_been_held(case, parties, clock):
    prepare(case, parties)
    case_move_stage(case=case, to_stage=2)
    meeting = book_meeting(case, parties)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=3)
    assert refused.value.refusals == [Refusal.NO_MEETING_HELD]
    clock.move_to(meeting.start + dt.timedelta(minutes=1))
    assert case_move_stage(case=case, to_stage=3).stage == 3


def test_skipping_a_stage_is_refused_and_changes_nothing(case, parties, clock):
    prepare(case, parties)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=3)
    assert refused.value.refusals == [Refusal.NOT_ADJACENT]
    case.refresh_from_db()
    assert case.stage == 1
    assert case.stage_changes.count() == 1


def test_moving_back_one_stage_needs_a_reason_and_is_recorded_with_who_and_why(case, parties, clock):
    user = StaffFactory()
    case = to_stage(case, parties, 4, clock)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=3, by_user=user)
    assert refused.value.refusals == [Refusal.REASON_MISSING]
    case_move_stage(case=case, to_stage=3, by_user=user, note="The problem needs defining again.")
    last = case.stage_changes.last()
    assert (last.kind, last.from_stage, last.to_stage, last.by_user) == (StageChange.Kind.BACK, 4, 3, user)
    assert last.note == "The problem needs defining again."
    kinds = list(case.stage_changes.values_list("kind", "from_stage", "to_stage"))
    assert kinds == [
        ("opened", None, 1),
        ("advanced", 1, 2),
        ("advanced", 2, 3),
        ("advanced", 3, 4),
        ("back", 4, 3),
    ]


def test_follow_up_needs_an_agreement_every_party_confirmed(case, parties, clock):
    case = to_stage(case, parties, 5, clock)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=6)
    assert refused.value.refusals == [Refusal.AGREEMENT_MISSING, Refusal.AGREEMENT_UNCONFIRMED]
    agreement = write_agreement(case)
    agreement_publish(agreement=agreement)
    agreement_confirm(party=parties[0], version=1)
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=6)
    assert refused.value.refusals == [Refusal.AGREEMENT_UNCONFIRMED]
    agreement_confirm(party=parties[1], version=1)
    agreement.refresh_from_db()
    assert agreement.completed_at is not None
    assert case_move_stage(case=case, to_stage=6).stage == 6
    assert CheckIn.objects.filter(case=case).count() == 4


def test_the_agreement_can_not_be_shown_before_stage_five_or_without_commitments(case, parties, clock):
    agreement = write_agreement(case)
    with pytest.raises(AgreementNotReady):
        agreement_publish(agreement=agreement)
    case = to_stage(case, parties, 5, clock)
    agreement.commitments.all().delete()
    with pytest.raises(AgreementNotReady):
        agreement_publish(agreement=agreement)


def test_a_changed_agreement_needs_every_confirmation_again(case, parties, clock):
    case = to_stage(case, parties, 5, clock)
    agreement = agreement_publish(agreement=write_agreement(case))
    agreement_confirm(party=parties[0], version=1)
    agreement_confirm(party=parties[1], version=1)
    agreement = agreement_publish(agreement=agreement)  # published again after a change
    assert agreement.version == 2 and agreement.completed_at is None
    with pytest.raises(AgreementChanged):
        agreement_confirm(party=parties[0], version=1)
    with pytest.raises(StageNotReady):
        case_move_stage(case=case, to_stage=6)


def test_moving_back_from_follow_up_drops_the_unanswered_check_ins_and_their_messages(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    pending = Message.objects.filter(kind="mediation_checkin", status="pending")
    assert pending.count() == 4
    case_move_stage(case=case, to_stage=5, note="the agreement needs a change")
    assert CheckIn.objects.filter(case=case).count() == 0
    assert pending.count() == 0
    assert not Message.objects.filter(kind="mediation_followup_due", status="pending").exists()


def test_closing_frees_future_meetings_revokes_links_and_tells_the_contact_only_the_outcome(
    case, parties, clock
):
    prepare(case, parties)
    meeting = book_meeting(case, parties)
    case_close(case=case, status=MediationCase.Status.CLOSED, outcome=MediationCase.Outcome.AGREEMENT)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and not meeting.block.active
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at is not None
    assert case.stage_changes.last().kind == StageChange.Kind.CLOSED
    assert Message.objects.filter(kind="mediation_outcome", recipient=case.contact_email).count() == 1
    assert not Message.objects.filter(kind="mediation_form_reminder", status="pending").exists()
    with pytest.raises(StageNotReady) as refused:
        case_move_stage(case=case, to_stage=2)
    assert refused.value.refusals == [Refusal.CASE_NOT_OPEN]
    with pytest.raises(CaseNotOpen):
        case_close(case=case, status=MediationCase.Status.WITHDRAWN)


def test_the_commissioning_agreement_is_sent_to_the_contact_and_confirmed_once(case, clock):
    case_send_commission(case=case)
    assert Message.objects.filter(kind="mediation_commission", recipient=case.contact_email).count() == 1
    first = case_confirm_commission(case=case, name="Hanna Henkilöstö")
    again = case_confirm_commission(case=case, name="Someone Else")
    assert again.commission_confirmed_at == first.commission_confirmed_at
    assert again.commission_confirmed_by == "Hanna Henkilöstö"
    assert Message.objects.filter(kind="mediation_new_answer").count() == 1


def test_reminders_go_only_to_parties_who_have_not_sent_the_form(case, parties, clock):
    from mediation.actions.parties import party_invite

    for party in parties:
        party_invite(party=party)
    party_consent(party=parties[0])
    intake_save(party=parties[0], answers={}, submit=True)
    assert case_remind(case=case) == 1
    reminders = Message.objects.filter(kind="mediation_form_reminder", status="pending")
    assert set(reminders.values_list("recipient", flat=True)) == {"ben@example.fi"}
