"""Message kinds of mediation, registered with notifications (imported in MediationConfig.ready()).

Each builder runs at send time in the recipient's language and returns None when the message no
longer applies (the form is in, the agreement confirmed, the case closed). No email ever carries
what a party or the mediator wrote: only that something happened, and a link. Emails that lead a
party or the contact to their page issue a fresh personal link (tokens are never stored).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formats import format_when
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, render_email

from . import ics, selectors, stages
from .actions import outbox
from .actions.links import contact_link_issue, party_link_issue
from .models import Agreement, CheckIn, MediationCase, Meeting, Party


def _email(*, subject, greeting, paragraphs, signature, action_url="", action_label="", attachments=()):
    return render_email(
        "mediation/email/message",
        {
            "greeting": greeting,
            "paragraphs": paragraphs,
            "action_url": action_url,
            "action_label": action_label,
            "signature": signature,
        },
        subject=str(subject),
        attachments=list(attachments),
    )


def _party_url(party: Party, name: str = "party", **kwargs) -> str:
    return absolute_url(f"mediation:{name}", token=party_link_issue(party=party), **kwargs)


def _admin_url(case: MediationCase) -> str:
    return absolute_url("admin:mediation_mediationcase_change", case.pk)


def _hello(name: str) -> str:
    return _("Hello %(name)s,") % {"name": name}


def _open_party(message) -> Party | None:
    party = message.target
    if not isinstance(party, Party) or not party.case.is_open:
        return None
    return party


@kind(outbox.INVITATION, label=gettext_lazy("Mediation: invitation (to a party)"))
def invitation(message) -> Email | None:
    party = _open_party(message)
    if party is None:
        return None
    mediator = party.case.mediator.display_name
    return _email(
        subject=_("Invitation to a workplace mediation"),
        greeting=_hello(party.name),
        paragraphs=[
            _(
                "%(mediator)s invites you to take part in a workplace mediation. Taking part is "
                "voluntary, and what you say in mediation is confidential."
            )
            % {"mediator": mediator},
            _(
                "On your personal page you can read how the mediation works, give your consent and "
                "fill in a short pre-session form. Only you and the mediator see your answers."
            ),
            _("The link is personal: please do not forward this message."),
        ],
        action_url=_party_url(party),
        action_label=_("Open your mediation page"),
        signature=mediator,
    )


@kind(outbox.FORM_REMINDER, label=gettext_lazy("Mediation: pre-session form reminder (to a party)"))
def form_reminder(message) -> Email | None:
    party = _open_party(message)
    if party is None or not stages.forms_editable(party.case.stage):
        return None
    intake = selectors.intake_of(party)
    if intake is not None and intake.submitted_at is not None:
        return None
    mediator = party.case.mediator.display_name
    return _email(
        subject=_("A reminder: your pre-session form for the mediation"),
        greeting=_hello(party.name),
        paragraphs=[
            _(
                "We have not yet received your pre-session form. Every question is optional; a few "
                "words help the mediator prepare the first meeting with you."
            ),
            _("The link is personal: please do not forward this message."),
        ],
        action_url=_party_url(party),
        action_label=_("Open your mediation page"),
        signature=mediator,
    )


@kind(outbox.TIMES, label=gettext_lazy("Mediation: times to mark (to a party)"))
def times(message) -> Email | None:
    party = _open_party(message)
    if party is None:
        return None
    meeting = party.meetings.filter(pk=message.context.get("meeting"), status=Meeting.Status.PROPOSED).first()
    if meeting is None:
        return None
    return _email(
        subject=_("Please mark the times that suit you"),
        greeting=_hello(party.name),
        paragraphs=[
            _("The mediator proposes times for the next meeting (%(kind)s).")
            % {"kind": meeting.get_kind_display().lower()},
            _("Please mark every time that suits you; the mediator then books the one that suits everyone."),
        ],
        action_url=_party_url(party, "party_times"),
        action_label=_("Mark the times that suit you"),
        signature=party.case.mediator.display_name,
    )


@kind(outbox.MEETING, label=gettext_lazy("Mediation: meeting invitation or cancellation with .ics"))
def meeting(message) -> Email | None:
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
        paragraphs = [_("The mediation meeting at %(when)s has been cancelled.") % {"when": when}]
    else:
        subject = _("Mediation meeting %(when)s") % {"when": when}
        paragraphs = [
            _("%(kind)s: %(when)s.") % {"kind": meeting.get_kind_display(), "when": when},
            _("Place: %(place)s") % {"place": meeting.place} if meeting.place else "",
            _("The calendar file attached adds the meeting to your calendar."),
        ]
    return _email(
        subject=subject,
        greeting=_hello(party.name if party else mediator.display_name),
        paragraphs=[p for p in paragraphs if p],
        signature=mediator.display_name,
        attachments=[
            (
                "sovittelu.ics",
                ics.meeting_ics(meeting, method=method, attendee=party),
                f"text/calendar; method={method}",
            )
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
        subject=subject,
        greeting=_hello(party.name),
        paragraphs=[
            _(
                "The agreement of your mediation is ready. Please read it and confirm it on your personal page."
            ),
            _("The link is personal: please do not forward this message."),
        ],
        action_url=_party_url(party, "party_agreement"),
        action_label=_("Read the agreement"),
        signature=party.case.mediator.display_name,
    )


@kind(outbox.AGREEMENT, label=gettext_lazy("Mediation: agreement to confirm (to a party)"))
def agreement(message) -> Email | None:
    return _agreement_email(message, reminder=False)


@kind(outbox.AGREEMENT_REMINDER, label=gettext_lazy("Mediation: agreement reminder (to a party)"))
def agreement_reminder(message) -> Email | None:
    return _agreement_email(message, reminder=True)


@kind(outbox.CHECKIN, label=gettext_lazy("Mediation: follow-up check-in (to a party)"))
def checkin(message) -> Email | None:
    checkin = message.target
    if not isinstance(checkin, CheckIn) or checkin.answered_at or not checkin.case.is_open:
        return None
    party = checkin.party
    if checkin.kind == CheckIn.Kind.MEETING:
        subject = _("Would a follow-up meeting help?")
        first = _(
            "Some time has passed since your agreement. The mediator asks how things are going and "
            "whether a follow-up meeting would help."
        )
    else:
        subject = _("How is the agreement holding?")
        first = _("A few weeks have passed since your agreement. The mediator asks how things are going.")
    return _email(
        subject=subject,
        greeting=_hello(party.name),
        paragraphs=[first, _("Your answers reach only the mediator.")],
        action_url=_party_url(party, "party_checkin", pk=checkin.pk),
        action_label=_("Answer the follow-up check-in"),
        signature=checkin.case.mediator.display_name,
    )


@kind(outbox.NEW_ANSWER, label=gettext_lazy("Mediation: new answer (to the mediator)"))
def new_answer(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase):
        return None
    what = {
        "form": _("A party has submitted their pre-session form."),
        "times": _("A party has marked the times that suit them."),
        "agreement": _("A party has confirmed the agreement."),
        "checkin": _("A party has answered a follow-up check-in."),
        "commission": _("The contact person has confirmed the commissioning agreement."),
    }.get(message.context.get("what"), "")
    return _email(
        subject=_("You have a new answer in mediation case #%(pk)s") % {"pk": case.pk},
        greeting=_hello(case.mediator.display_name),
        paragraphs=[p for p in (what, _("Read it in the admin (you will be asked to sign in).")) if p],
        action_url=_admin_url(case),
        action_label=_("Open the case"),
        signature=settings.PRACTICE_NAME,
    )


@kind(
    outbox.FOLLOWUP_DUE,
    label=gettext_lazy("Mediation: time to propose the follow-up meeting (to the mediator)"),
)
def followup_due(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or not case.is_open or case.stage != stages.Stage.FOLLOW_UP:
        return None
    return _email(
        subject=_("Time to propose the follow-up meeting of mediation case #%(pk)s") % {"pk": case.pk},
        greeting=_hello(case.mediator.display_name),
        paragraphs=[
            _(
                "The parties have been asked whether a follow-up meeting is needed. Propose times from the case."
            )
        ],
        action_url=_admin_url(case),
        action_label=_("Open the case"),
        signature=settings.PRACTICE_NAME,
    )


@kind(outbox.COMMISSION, label=gettext_lazy("Mediation: commissioning agreement (to the contact person)"))
def commission(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or not case.is_open or case.commission_confirmed_at:
        return None
    token = contact_link_issue(case=case)
    return _email(
        subject=_("Please confirm the commissioning agreement of the mediation"),
        greeting=_hello(case.contact_name),
        paragraphs=[
            _(
                "Thank you for commissioning a workplace mediation. Please read the commissioning "
                "agreement (process, schedule, price and confidentiality) and confirm it."
            ),
            _(
                "On the same page you will later see the schedule of the meetings and, at the end, "
                "whether an agreement was reached. What the parties say stays confidential."
            ),
        ],
        action_url=absolute_url("mediation:contact", token=token),
        action_label=_("Read the commissioning agreement"),
        signature=case.mediator.display_name,
    )


@kind(outbox.OUTCOME, label=gettext_lazy("Mediation: the mediation ended (to the contact person)"))
def outcome(message) -> Email | None:
    case = message.target
    if not isinstance(case, MediationCase) or case.is_open:
        return None
    if case.outcome == MediationCase.Outcome.AGREEMENT:
        result = _("The parties reached an agreement.")
    elif case.status == MediationCase.Status.WITHDRAWN:
        result = _("The mediation was discontinued.")
    else:
        result = _("The mediation ended without an agreement.")
    return _email(
        subject=_("The workplace mediation has ended"),
        greeting=_hello(case.contact_name),
        paragraphs=[
            result,
            _("What was discussed and agreed stays confidential between the parties and the mediator."),
        ],
        signature=case.mediator.display_name,
    )
