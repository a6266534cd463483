"""The pages a party or the organisation's contact opens through their personal link.

Every page starts from the token: anything wrong with it (unknown, tampered, expired, revoked, a
closed case) is the same plain 404. Everything shown is read through the party it resolves to,
so a party can never reach another party's answers. GET renders; POST → form → one action →
redirect. Nothing here logs or echoes confidential text; POST data of the forms is marked sensitive
for error reports.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.headers import attachment_disposition
from core.ratelimit import ratelimit
from privacy.links import link_resolve

from . import forms, ics, selectors, stages
from .actions.agreement import agreement_confirm
from .actions.case import case_confirm_commission
from .actions.followup import checkin_answer
from .actions.parties import intake_save, party_consent, party_mark_times
from .exceptions import AgreementChanged, MediationError
from .kinds import MediationLink
from .models import MediationCase, Party

# Every POST of the party and contact pages counts against the self-service limit per address.
private = [
    never_cache,
    sensitive_post_parameters(),
    ratelimit(scope="mediation", rate=lambda: settings.RATELIMIT_BOOKING_FORMS),
]


def _party(token: str) -> Party:
    party = selectors.party_for_portal(link_resolve(token, purpose=MediationLink.PARTY, model=Party).pk)
    if not party.case.is_open:
        raise Http404
    return party


class PartyPage(View):
    """A page of the party portal. Pages other than the first need consent first."""

    template_name = ""
    needs_consent = True
    http_method_names = ["get", "post", "head"]

    def dispatch(self, request, token, **kwargs):
        self.token = token
        self.party = _party(token)
        if self.needs_consent and self.party.consent_at is None:
            messages.info(request, _("Please read the information and give your consent first."))
            return redirect("mediation:party", token=token)
        self.prepare()
        return super().dispatch(request, **kwargs)

    def page(self, name: str, **kwargs):
        return redirect(f"mediation:{name}", token=self.token, **kwargs)

    def prepare(self) -> None:
        """Loads what the page stands on (after the token and consent are checked); may raise Http404."""

    def render(self, context):
        context = {
            "party": self.party,
            "case": self.party.case,
            "token": self.token,
            "retention_days": settings.MEDIATION_RETENTION_DAYS,
            **context,
        }
        return render(self.request, self.template_name, context)


@method_decorator(private, name="dispatch")
class PartyHome(PartyPage):
    """What mediation is, voluntariness and confidentiality, consent; then where things stand."""

    template_name = "mediation/party_home.html"
    needs_consent = False

    def get(self, request, form=None):
        party = self.party
        context = {"form": form or forms.ConsentForm()}
        if party.consent_at:
            agreement = selectors.published_agreement_for(party, commitments=False)
            context |= {
                "intake": selectors.intake_of(party),
                "forms_editable": stages.forms_editable(party.case.stage),
                "open_meetings": selectors.open_meetings_for(party),
                "booked": selectors.booked_meetings_for(party),
                "agreement": agreement,
                "confirmed": agreement and selectors.has_confirmed(party, agreement),
                "checkins": selectors.due_checkins(party),
            }
        return self.render(context)

    def post(self, request):
        form = forms.ConsentForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        party_consent(party=self.party)
        messages.success(request, _("Thank you. Your consent has been recorded."))
        return self.page("party_form")


@method_decorator(private, name="dispatch")
class PartyForm(PartyPage):
    """The confidential pre-session form: drafts saved, editable until the opening session."""

    template_name = "mediation/party_form.html"

    def get(self, request, form=None):
        intake = selectors.intake_of(self.party)
        editable = stages.forms_editable(self.party.case.stage)
        return self.render(
            {
                "form": form or forms.IntakeForm(instance=intake),
                "intake": intake,
                "editable": editable,
            },
        )

    def post(self, request):
        form = forms.IntakeForm(request.POST, instance=selectors.intake_of(self.party))
        if not form.is_valid():
            return self.get(request, form=form)
        submit = request.POST.get("action") == "submit"
        try:
            intake_save(party=self.party, answers=form.cleaned_data, submit=submit)
        except MediationError as exc:
            messages.error(request, exc.message)
            return self.page("party_form")
        if submit:
            messages.success(request, _("Thank you. Your answers have been sent to the mediator."))
            return self.page("party")
        messages.success(request, _("Your draft has been saved. Only you can see it until you send it."))
        return self.page("party_form")


@method_decorator(private, name="dispatch")
class PartyTimes(PartyPage):
    """The times proposed for meetings: the party marks those that suit them; their booked meetings."""

    template_name = "mediation/party_times.html"

    def get(self, request, form=None):
        open_meetings = selectors.open_meetings_for(self.party)
        return self.render(
            {
                "form": form or forms.TimesForm(open_meetings=open_meetings),
                "open_meetings": open_meetings,
                "booked": selectors.booked_meetings_for(self.party),
            },
        )

    def post(self, request):
        form = forms.TimesForm(request.POST, open_meetings=selectors.open_meetings_for(self.party))
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            party_mark_times(party=self.party, marks=form.marks())
        except MediationError as exc:
            messages.error(request, exc.message)
            return self.page("party_times")
        messages.success(request, _("Thank you. The mediator sees which times suit you."))
        return self.page("party_times")


@method_decorator(never_cache, name="dispatch")
class PartyMeetingCalendar(PartyPage):
    http_method_names = ["get", "head"]

    def get(self, request, uid):
        meeting = selectors.booked_meeting_for(self.party, uid)
        if meeting is None:
            raise Http404
        method = "CANCEL" if meeting.status == meeting.Status.CANCELLED else "REQUEST"
        response = HttpResponse(
            ics.meeting_ics(meeting, method=method, attendee=self.party), content_type="text/calendar"
        )
        response["Content-Disposition"] = attachment_disposition("sovittelu.ics")
        return response


@method_decorator(private, name="dispatch")
class PartyAgreement(PartyPage):
    """The agreement, once the mediator has shown it; the party confirms the version they read."""

    template_name = "mediation/party_agreement.html"

    def prepare(self):
        self.agreement = selectors.published_agreement_for(self.party)
        if self.agreement is None:
            raise Http404

    def get(self, request, form=None):
        return self.render(
            {
                "agreement": self.agreement,
                "confirmed": selectors.has_confirmed(self.party, self.agreement),
                "form": form or forms.AgreementConfirmForm(initial={"version": self.agreement.version}),
            },
        )

    def post(self, request):
        form = forms.AgreementConfirmForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            agreement_confirm(party=self.party, version=form.cleaned_data["version"])
        except AgreementChanged as exc:
            messages.error(request, exc.message)
            return self.page("party_agreement")
        except MediationError as exc:
            messages.error(request, exc.message)
            return self.page("party")
        messages.success(request, _("Thank you. Your confirmation has been recorded."))
        return self.page("party_agreement")


@method_decorator(private, name="dispatch")
class PartyCheckIn(PartyPage):
    """A follow-up check-in of this party's, once it is due. Answers reach only the mediator."""

    template_name = "mediation/party_checkin.html"

    def get_checkin(self, pk):
        checkin = selectors.checkin_for(self.party, pk)
        if checkin is None:
            raise Http404
        return checkin

    def get(self, request, pk, form=None):
        checkin = self.get_checkin(pk)
        return self.render(
            {"checkin": checkin, "form": form or forms.CheckInForm(instance=checkin)},
        )

    def post(self, request, pk):
        checkin = self.get_checkin(pk)
        form = forms.CheckInForm(request.POST, instance=checkin)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        try:
            checkin_answer(checkin=checkin, **form.cleaned_data)
        except MediationError as exc:
            messages.error(request, exc.message)
            return self.page("party")
        messages.success(request, _("Thank you. Your answer has been sent to the mediator."))
        return self.page("party_checkin", pk=pk)


@method_decorator(private, name="dispatch")
class ContactHome(View):
    """The organisation's contact person: the commissioning agreement to confirm, the schedule of the
    meetings and, once the case has ended, whether an agreement was reached. Never any content."""

    http_method_names = ["get", "post", "head"]

    def dispatch(self, request, token, **kwargs):
        self.token = token
        self.case = MediationCase.objects.select_related("mediator").get(
            pk=link_resolve(token, purpose=MediationLink.CONTACT, model=MediationCase).pk
        )
        return super().dispatch(request, **kwargs)

    def get(self, request, form=None):
        case = self.case
        return render(
            request,
            "mediation/contact_home.html",
            {
                "case": case,
                "form": form or forms.CommissionConfirmForm(initial={"name": case.contact_name}),
                "can_confirm": case.is_open and case.commission_confirmed_at is None,
                "schedule": selectors.schedule_for_contact(case),
            },
        )

    def post(self, request):
        form = forms.CommissionConfirmForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            case_confirm_commission(case=self.case, name=form.cleaned_data["name"])
        except MediationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you. The commissioning agreement is confirmed."))
        return redirect("mediation:contact", token=self.token)
