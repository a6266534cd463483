"""mediation.actions is one package with its public actions at the top (like bookings.actions),
and case_advance_stage moves one stage either way through the same guards."""

import pytest

from mediation.exceptions import StageNotReady
from mediation.models import StageChange
from mediation.stages import Refusal
from tests.factories import StaffFactory

from .conftest import to_stage

pytestmark = pytest.mark.django_db


def test_the_case_actions_import_from_the_package():
    from mediation.actions import case_advance_stage, case_move_stage
    from mediation.actions.case import case_advance_stage as advance
    from mediation.actions.case import case_move_stage as move

    assert (case_advance_stage, case_move_stage) == (advance, move)


def test_every_name_the_package_lists_is_there():
    import mediation.actions

    assert mediation.actions.__all__
    assert [name for name in mediation.actions.__all__ if not hasattr(mediation.actions, name)] == []


def test_advancing_back_one_stage_needs_a_reason_and_is_recorded(case, parties, clock):
    from mediation.actions import case_advance_stage

    user = StaffFactory()
    case = to_stage(case, parties, 4, clock)
    with pytest.raises(StageNotReady) as refused:
        case_advance_stage(case=case, back=True, by_user=user, reason="  ")
    assert refused.value.refusals == [Refusal.REASON_MISSING]
    case = case_advance_stage(case=case, back=True, by_user=user, reason="The problem needs defining again.")
    assert case.stage == 3
    last = case.stage_changes.last()
    assert (last.kind, last.from_stage, last.to_stage, last.by_user) == (StageChange.Kind.BACK, 4, 3, user)
    assert last.note == "The problem needs defining again."
    assert case_advance_stage(case=case, note="again").stage == 4


def test_the_first_stage_has_no_stage_before_it(case):
    from mediation.actions import case_advance_stage

    with pytest.raises(StageNotReady) as refused:
        case_advance_stage(case=case, back=True, reason="why not")
    assert refused.value.refusals == [Refusal.NO_PREVIOUS_STAGE]
