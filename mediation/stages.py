"""The six stages of a mediation and the rules for moving between them. Pure: no ORM, no Django.

A stage is a step of the process, not a meeting: stages 3–5 often pass within one long joint
session, so moving between them needs nothing more than the mediator's say-so. A case moves one
stage at a time: forward when the next stage's guards hold, back to the previous stage with a
reason. Skipping is never allowed.

    refusals(current=1, target=2, facts=Facts(...))  ->  []  (allowed) or the reasons why not
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Stage(IntEnum):
    PREPARATION = 1  # Valmistelu
    OPENING_SESSION = 2  # Aloitusistunto
    PROBLEM_DEFINITION = 3  # Ongelman määrittely
    DISCUSSION = 4  # Keskustelu ja vuorovaikutus
    FINDING_SOLUTIONS = 5  # Ratkaisujen etsiminen
    FOLLOW_UP = 6  # Seuranta


FIRST, LAST = Stage.PREPARATION, Stage.FOLLOW_UP
MIN_PARTIES = 2


class Refusal(StrEnum):
    """Why a move is not allowed; exceptions.py gives each a translated message."""

    CASE_NOT_OPEN = "case_not_open"
    UNKNOWN_STAGE = "unknown_stage"
    NOT_ADJACENT = "not_adjacent"
    NO_NEXT_STAGE = "no_next_stage"
    NO_PREVIOUS_STAGE = "no_previous_stage"
    REASON_MISSING = "reason_missing"
    COMMISSION_UNCONFIRMED = "commission_unconfirmed"
    TOO_FEW_PARTIES = "too_few_parties"
    CONSENT_MISSING = "consent_missing"
    FORM_MISSING = "form_missing"
    NO_MEETING_HELD = "no_meeting_held"
    AGREEMENT_MISSING = "agreement_missing"
    AGREEMENT_UNCONFIRMED = "agreement_unconfirmed"


@dataclass(frozen=True)
class Facts:
    """What the guards look at, counted from the case by mediation.selectors.case_facts."""

    is_open: bool = True
    commission_confirmed: bool = False
    parties: int = 0
    parties_consented: int = 0
    forms_submitted: int = 0
    meetings_held: int = 0  # booked meetings of the case that have begun
    agreement_published: bool = False  # written, with at least one commitment, shown to the parties
    agreement_confirmations: int = 0  # parties who confirmed its current version


Guard = tuple[Refusal, Callable[[Facts], bool]]

# What must be true before a case may ENTER a stage (moving forward). Stages without an entry
# here have no guard beyond the order: 3, 4 and 5 can pass within one joint session.
ENTRY_GUARDS: dict[Stage, tuple[Guard, ...]] = {
    Stage.OPENING_SESSION: (
        (Refusal.COMMISSION_UNCONFIRMED, lambda f: f.commission_confirmed),
        (Refusal.TOO_FEW_PARTIES, lambda f: f.parties >= MIN_PARTIES),
        (Refusal.CONSENT_MISSING, lambda f: f.parties_consented >= f.parties),
        (Refusal.FORM_MISSING, lambda f: f.forms_submitted >= f.parties),
    ),
    Stage.PROBLEM_DEFINITION: ((Refusal.NO_MEETING_HELD, lambda f: f.meetings_held > 0),),
    Stage.FOLLOW_UP: (
        (Refusal.AGREEMENT_MISSING, lambda f: f.agreement_published),
        (
            Refusal.AGREEMENT_UNCONFIRMED,
            lambda f: f.agreement_published and f.parties > 0 and f.agreement_confirmations >= f.parties,
        ),
    ),
}


def next_stage(current: int) -> Stage | None:
    return Stage(current + 1) if current < LAST else None


def previous_stage(current: int) -> Stage | None:
    return Stage(current - 1) if current > FIRST else None


def entry_refusals(target: int, facts: Facts) -> list[Refusal]:
    """The guards of `target` that do not hold (empty when the stage may be entered)."""
    return [refusal for refusal, holds in ENTRY_GUARDS.get(Stage(target), ()) if not holds(facts)]


def refusals(*, current: int, target: int, facts: Facts, reason: str = "") -> list[Refusal]:
    """Why the case may not move from `current` to `target`; an empty list means it may.

    Forward: only to the next stage, and only when that stage's guards hold. Back: only to the
    previous stage, and only with a reason. Anything else is refused.
    """
    if current not in Stage._value2member_map_:
        return [Refusal.UNKNOWN_STAGE]
    if not facts.is_open:
        return [Refusal.CASE_NOT_OPEN]
    if target == current + 1:
        return [Refusal.NO_NEXT_STAGE] if current == LAST else entry_refusals(target, facts)
    if target == current - 1:
        if current == FIRST:
            return [Refusal.NO_PREVIOUS_STAGE]
        return [] if reason.strip() else [Refusal.REASON_MISSING]
    if target not in Stage._value2member_map_:
        return [Refusal.UNKNOWN_STAGE]
    return [Refusal.NOT_ADJACENT]


def forms_editable(current: int) -> bool:
    """A party's pre-session form can be changed until the case reaches the opening session."""
    return current < Stage.OPENING_SESSION


def agreement_publishable(current: int) -> bool:
    """The agreement is shown to the parties for confirmation from stage 5 on."""
    return current >= Stage.FINDING_SOLUTIONS
