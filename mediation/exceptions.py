"""Domain errors of mediation, each with a translated message that is safe to show."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError

from .stages import Refusal

REFUSAL_MESSAGES = {
    Refusal.CASE_NOT_OPEN: _("The case is closed: its stage can no longer change."),
    Refusal.UNKNOWN_STAGE: _("There is no such stage."),
    Refusal.NOT_ADJACENT: _(
        "A case moves one stage at a time: forward to the next stage or back to the previous one."
    ),
    Refusal.NO_NEXT_STAGE: _("Follow-up is the last stage. Close the case when the follow-up is done."),
    Refusal.NO_PREVIOUS_STAGE: _("Preparation is the first stage."),
    Refusal.REASON_MISSING: _("Please give a reason for moving the case back."),
    Refusal.COMMISSION_UNCONFIRMED: _("The contact person has not confirmed the commissioning agreement."),
    Refusal.TOO_FEW_PARTIES: _("A mediation needs at least two parties."),
    Refusal.CONSENT_MISSING: _("Not every party has given their consent."),
    Refusal.FORM_MISSING: _("Not every party has submitted the pre-session form."),
    Refusal.NO_MEETING_HELD: _("No meeting of the case has been held yet."),
    Refusal.AGREEMENT_MISSING: _(
        "There is no agreement yet: write the commitments and show the agreement to the parties."
    ),
    Refusal.AGREEMENT_UNCONFIRMED: _("Not every party has confirmed the current version of the agreement."),
}


class MediationError(DomainError):
    message = _("The mediation could not be updated.")


class StageNotReady(MediationError):
    """A stage move the table refuses; `refusals` says why, each reason with its message."""

    def __init__(self, refusals: list[Refusal]):
        self.refusals = list(refusals)
        self.messages = [REFUSAL_MESSAGES[r] for r in self.refusals]
        super().__init__(" ".join(str(m) for m in self.messages))


class CaseNotOpen(MediationError):
    message = _("This mediation has ended.")


class CommissionTermsMissing(MediationError):
    message = _("Write the commissioning agreement first.")


class ConsentRequired(MediationError):
    message = _("Please read the information and give your consent first.")


class FormLocked(MediationError):
    message = _("The opening session has begun: the pre-session form can no longer be changed.")


class AgreementChanged(MediationError):
    message = _("The agreement was changed while you were reading it. Please read it again.")


class AgreementNotReady(MediationError):
    message = _("The agreement can be shown to the parties from stage 5 on, with at least one commitment.")


class MeetingNotOpen(MediationError):
    message = _("This meeting is no longer waiting for a time.")


class TimeInPast(MediationError):
    message = _("This time has already passed.")
