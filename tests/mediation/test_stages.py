"""The stage table, pure: every move between every pair of stages, and each guard on its own."""

import dataclasses
import itertools

import pytest

from mediation.stages import (
    ENTRY_GUARDS,
    Facts,
    Refusal,
    Stage,
    agreement_publishable,
    entry_refusals,
    forms_editable,
    next_stage,
    previous_stage,
    refusals,
)

ALL_TRUE = Facts(
    is_open=True,
    commission_confirmed=True,
    parties=2,
    parties_consented=2,
    forms_submitted=2,
    meetings_held=1,
    agreement_published=True,
    agreement_confirmations=2,
)
NOTHING = Facts(is_open=True)
STAGES = list(Stage)


def test_the_six_stages_are_in_the_practices_order():
    assert [s.value for s in Stage] == [1, 2, 3, 4, 5, 6]
    assert [next_stage(s) for s in Stage] == [2, 3, 4, 5, 6, None]
    assert [previous_stage(s) for s in Stage] == [None, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STAGES, STAGES)))
def test_every_move_between_two_stages_is_allowed_only_to_a_neighbour(current, target):
    forward = refusals(current=current, target=target, facts=ALL_TRUE)
    back_with_reason = refusals(current=current, target=target, facts=ALL_TRUE, reason="we must talk again")
    if target == current + 1:
        assert forward == [] and back_with_reason == []
    elif target == current - 1:
        assert forward == [Refusal.REASON_MISSING]
        assert back_with_reason == []
    else:
        assert forward == [Refusal.NOT_ADJACENT]
        assert back_with_reason == [Refusal.NOT_ADJACENT]


@pytest.mark.parametrize(
    ("current", "target", "refusal"),
    [
        (6, 7, Refusal.NO_NEXT_STAGE),
        (1, 0, Refusal.NO_PREVIOUS_STAGE),
        (1, 7, Refusal.UNKNOWN_STAGE),
        (3, -1, Refusal.UNKNOWN_STAGE),
        (9, 10, Refusal.UNKNOWN_STAGE),
        (0, 1, Refusal.UNKNOWN_STAGE),
    ],
)
def test_a_move_off_either_end_of_the_table_is_refused(current, target, refusal):
    assert refusals(current=current, target=target, facts=ALL_TRUE, reason="a reason") == [refusal]


def test_moving_back_needs_a_reason_that_is_not_blank():
    assert refusals(current=3, target=2, facts=ALL_TRUE, reason="   ") == [Refusal.REASON_MISSING]
    assert refusals(current=3, target=2, facts=ALL_TRUE, reason="a party asked") == []


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STAGES, STAGES)))
def test_a_closed_case_moves_nowhere(current, target):
    closed = dataclasses.replace(ALL_TRUE, is_open=False)
    assert refusals(current=current, target=target, facts=closed, reason="x") == [Refusal.CASE_NOT_OPEN]


def test_the_opening_session_needs_commission_two_parties_consents_and_forms():
    assert entry_refusals(Stage.OPENING_SESSION, NOTHING) == [
        Refusal.COMMISSION_UNCONFIRMED,
        Refusal.TOO_FEW_PARTIES,
    ]
    one_missing = {
        "commission_confirmed": (False, Refusal.COMMISSION_UNCONFIRMED),
        "parties": (1, Refusal.TOO_FEW_PARTIES),
        "parties_consented": (1, Refusal.CONSENT_MISSING),
        "forms_submitted": (1, Refusal.FORM_MISSING),
    }
    for field, (value, refusal) in one_missing.items():
        facts = dataclasses.replace(ALL_TRUE, **{field: value})
        assert refusals(current=1, target=2, facts=facts) == [refusal], field


def test_a_third_party_who_has_not_consented_holds_the_opening_session_back():
    facts = dataclasses.replace(ALL_TRUE, parties=3)
    assert refusals(current=1, target=2, facts=facts) == [Refusal.CONSENT_MISSING, Refusal.FORM_MISSING]


def test_problem_definition_needs_a_meeting_held():
    assert refusals(current=2, target=3, facts=dataclasses.replace(ALL_TRUE, meetings_held=0)) == [
        Refusal.NO_MEETING_HELD
    ]


def test_stages_three_to_five_pass_without_guards_within_one_session():
    assert refusals(current=3, target=4, facts=NOTHING) == []
    assert refusals(current=4, target=5, facts=NOTHING) == []
    assert set(ENTRY_GUARDS) == {Stage.OPENING_SESSION, Stage.PROBLEM_DEFINITION, Stage.FOLLOW_UP}


def test_follow_up_needs_a_published_agreement_confirmed_by_every_party():
    no_agreement = dataclasses.replace(ALL_TRUE, agreement_published=False, agreement_confirmations=0)
    assert refusals(current=5, target=6, facts=no_agreement) == [
        Refusal.AGREEMENT_MISSING,
        Refusal.AGREEMENT_UNCONFIRMED,
    ]
    half = dataclasses.replace(ALL_TRUE, agreement_confirmations=1)
    assert refusals(current=5, target=6, facts=half) == [Refusal.AGREEMENT_UNCONFIRMED]
    nobody = dataclasses.replace(ALL_TRUE, parties=0, agreement_confirmations=0)
    assert refusals(current=5, target=6, facts=nobody) == [Refusal.AGREEMENT_UNCONFIRMED]
    assert refusals(current=5, target=6, facts=ALL_TRUE) == []


def test_forms_are_editable_only_while_preparing_and_the_agreement_is_shown_from_stage_five():
    assert [forms_editable(s) for s in Stage] == [True, False, False, False, False, False]
    assert [agreement_publishable(s) for s in Stage] == [False, False, False, False, True, True]
