"""Message kinds of mediation, registered with notifications (imported in MediationConfig.ready()).

Each builder runs at send time in the recipient's language and returns None when the message no
longer applies (the form is in, the agreement confirmed, the case closed). Its wording is in the
kind's template pair, mediation/email/<kind>.txt and .html, on the layout of mediation/email/base.
No email ever carries what a party or the mediator wrote: only that something happened, and a
link. So the templates get names, times and links, never a case, party or agreement to read from.
Emails that lead a party or the contact to their page issue a fresh personal link (tokens are
never stored).
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.ics import attachment
from core.formats import format_when
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, render_email
from practice.selectors import profile

from . import ics, selectors, stages
from .actions.links import contact_link_issue, contact_link_lives, party_link_issue
from .kinds import MediationMessage
from .models import Agreement, CheckIn, MediationCase, Meeting, Party

# A follow-up check-in mailed later than this after its time is skipped (after downtime, say): the
# party still finds it on their page.
CHECKIN_SEND_WITHIN = dt.timedelta(days=7)


def _email(template: str, *, subject: str, name: str, signature: str, attachments=(), **context) -> Email:
    """mediation/email/<template>.txt|html: "Hello <name>,", the kind's paragraphs, its link, the signature."""
    return render_email(
        f"mediation/email/{template}",
        {"name": name, "signature": signature, **context},
        subject=str(subject),
        attachments=list(attachments),
    )


def _party_url(party: Party, name: str = "party", **kwargs) -> str:
    return absolute_url(f"mediation:{name}", token=party_link_issue(party=party), **kwargs)


def _admin_url(case: MediationCase) -> str:
    return absolute_url("admin:mediation_mediationcase_change", case.pk)


def _open_party(message) -> Party | None:
    party = message.target
    if not isinstance(party, Party) or not party.case.is_open:
        return None
    return party


@kind(MediationMessage.INVITATION, label=gettext_lazy("Mediation: invitation (to a party)"))
def invitation(message) -> Email | None:
    party = _open_party(message)
    if party is None:
        return None
    mediator = party.case.mediator.display_name
    return _email(
        "invitation",
        subject=_("Invitation to a workplace mediation"),
        name=party.name,
        mediator=mediator,
        action_url=_party_url(party),
        signature=mediator,
    )


@kind(MediationMessage.FORM_REMINDER, label=gettext_lazy("Mediation: pre-session form reminder (to a party)"))
def form_reminder(message) -> Email | None:
    party = _open_party(message)
    if party is None or not stages.forms_editable(party.case.stage):
        return None
    intake = selectors.intake_of(party)
    if intake is not None and intake.submitted_at is not None:
        return None
    return _email(
        "form_reminder",
        subject=_("A reminder: your pre-session form for the mediation"),
        name=party.name,
        action_url=_party_url(party),
        signature=party.case.mediator.display_name,
    )


@kind(MediationMessage.TIMES, label=gettext_lazy("Mediation: times to mark (to a party)"))
def times(message) -> Email | None:
    party = _open_party(message)
    if party is None:
        return None
    meeting = party.meetings.filter(pk=message.context.get("meeting"), status=Meeting.Status.PROPOSED).first()
    if meeting is None:
        return None
    return _email(
        "times",
        subject=_("Please mark the times that suit you"),
        name=party.name,
        meeting_kind=meeting.get_kind_display(),
        action_url=_party_url(party, "party_times"),
        signature=party.case.mediator.display_name,
    )


def _meeting_start(message):
    return message.target.start if isinstance(message.target, Meeting) else None


@kind(
    MediationMessage.MEETING,
    label=gettext_lazy("Mediation: meeting invitation or cancellation with .ics"),
    until=_meeting_start,
)
def meeting(message) -> Email | None:
    """An invitation or a cancellation, only before the meeting begins (later it is skipped)."""
    meeting = message.target
    if not isinstance(meeting, Meeting) or meeting.start is None:
        return None
    method = message.context.get("method", "REQUEST")
    if method == "REQUEST" and meeting.status != Meeting.Status.BOOKED:
        return None
    party = None
    if message.context.get("party"):
        party = meeting.parties.filter(pk=message.context["party"]).first()
        if party is None:
            return None
    mediator = meeting.case.mediator
    when = format_when(meeting.start, meeting.end)
    if method == "CANCEL":
        subject = _("Cancelled: mediation meeting %(when)s") % {"when": when}
    else:
        subject = _("Mediation meeting %(when)s") % {"when": when}
    return _email(
        "meeting",
        subject=subject,
        name=party.name if party else mediator.display_name,
        cancelled=method == "CANCEL",
        meeting_kind=meeting.get_kind_display(),
        when=when,
        place=meeting.place,
        signature=mediator.display_name,
        attachments=[
            attachment("sovittelu.ics", ics.meeting_ics(meeting, method=method, attendee=party), method)
        ],
    )


def _agreement_email(message, *, reminder: bool) -> Email | None:
    party = _open_party(message)
    if party is None:
        return None
    agreement = Agreement.objects.filter(case_id=party.case_id, published_at__isnull=False).first()
    if agreement is None or (reminder and selectors.has_confirmed(party, agreement)):
        return None
    subject = (
        _("A reminder: please confirm the agreement")
        if reminder
        else _("Please read and confirm the agreement")
    )
    return _email(
        "agreement_reminder" if reminder else "agreement",
        subject=subject,
        name=party.name,
        action_url=_party_url(party, "party_agreement"),
        signature=party.case.mediator.display_name,
    )


@kind(MediationMessage.AGREEMENT, label=gettext_lazy("Mediation: agreement to confirm (to a party)"))
def agreement(message) -> Email | None:
    return _agreement_email(message, reminder=False)


@kind(MediationMessage.AGREEMENT_REMINDER, label=gettext_lazy("Mediation: agreement reminder (to a party)"))
def agreement_reminder(message) -> Email | None:
    return _agreement_email(message, reminder=True)


def _checkin_until(message):
    checkin = message.target
    return checkin.due_at + CHECKIN_SEND_WITHIN if isinstance(checkin, CheckIn) else None


@kind(
    MediationMessage.CHECKIN,
    label=gettext_lazy("Mediation: follow-up check-in (to a party)"),
    until=_checkin_until,
)
def checkin(message) -> Email | None:
    checkin = message.target
    if not isinstance(checkin, CheckIn) or checkin.answered_at or not checkin.case.is_open:
        return None
    party = checkin.party
    asks_for_meeting = checkin.kind == CheckIn.Kind.MEETING
    subject = _("Would a follow-up meeting help?") if asks_for_meeting else _("How is the agreement holding?")
    return _email(
        "checkin",
        subject=subject,
        name=party.name,
        asks_for_meeting=asks_for_meeting,
        action_url=_party_url(party, "party_checkin", pk=checkin.pk),
        signature=checkin.case.mediator.display_name,
    )


@kind(MediationMessage.NEW_ANSWER, label=gettext_lazy("Mediation: new answer (to the mediator)"))
def new_answer(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase):
        return None
    return _email(
        "new_answer",
        subject=_("You have a new answer in mediation case #%(pk)s") % {"pk": case.pk},
        name=case.mediator.display_name,
        what=message.context.get("what"),  # form, times, agreement, checkin or commission
        # Straight to that party's answers on the case page (the anchor holds no content).
        action_url=_admin_url(case) + (f"#party-{party}" if (party := message.context.get("party")) else ""),
        signature=profile().name,
    )


@kind(
    MediationMessage.FOLLOWUP_DUE,
    label=gettext_lazy("Mediation: time to propose the follow-up meeting (to the mediator)"),
)
def followup_due(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or not case.is_open or case.stage != stages.Stage.FOLLOW_UP:
        return None
    return _email(
        "followup_due",
        subject=_("Time to propose the follow-up meeting of mediation case #%(pk)s") % {"pk": case.pk},
        name=case.mediator.display_name,
        action_url=_admin_url(case),
        signature=profile().name,
    )


@kind(
    MediationMessage.COMMISSION,
    label=gettext_lazy("Mediation: commissioning agreement (to the contact person)"),
)
def commission(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or not case.is_open or case.commission_confirmed_at:
        return None
    return _email(
        "commission",
        subject=_("Please confirm the commissioning agreement of the mediation"),
        name=case.contact_name,
        action_url=absolute_url("mediation:contact", token=contact_link_issue(case=case)),
        signature=case.mediator.display_name,
    )


@kind(
    MediationMessage.CONTACT_LINK,
    label=gettext_lazy("Mediation: a new link after the contact person's address changed"),
)
def contact_link(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or not contact_link_lives(case):
        return None
    return _email(
        "contact_link",
        subject=_("Your new link to the workplace mediation"),
        name=case.contact_name,
        action_url=absolute_url("mediation:contact", token=contact_link_issue(case=case)),
        signature=case.mediator.display_name,
    )


@kind(MediationMessage.OUTCOME, label=gettext_lazy("Mediation: the mediation ended (to the contact person)"))
def outcome(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or case.is_open:
        return None
    if case.outcome == MediationCase.Outcome.AGREEMENT:
        result = "agreement"
    elif case.status == MediationCase.Status.WITHDRAWN:
        result = "withdrawn"
    else:
        result = "no_agreement"
    return _email(
        "outcome",
        subject=_("The workplace mediation has ended"),
        name=case.contact_name,
        result=result,
        signature=case.mediator.display_name,
    )


@kind(
    MediationMessage.REASSIGNED,
    label=gettext_lazy("Mediation: the case has a new mediator (to both mediators)"),
)
def reassigned(message) -> Email | None:
    """To the previous and to the new mediator: who gave the case to whom, and why. The new
    mediator gets the link to the case; the previous one no longer has access."""
    case = message.target
    if not isinstance(case, MediationCase):
        return None
    context = message.context
    new = context.get("role") == "new"
    return _email(
        "reassigned",
        subject=_("Mediation case #%(pk)s has a new mediator") % {"pk": case.pk},
        name=context.get("new") if new else context.get("previous"),
        new_mediator=context.get("new", ""),
        previous_mediator=context.get("previous", ""),
        by=context.get("by", ""),
        reason=context.get("reason", ""),
        is_new=new,
        action_url=_admin_url(case) if new else "",
        signature=profile().name,
    )
