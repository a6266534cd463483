"""Meetings in admin: propose free times from the mediator's calendar, see where the parties'
marks overlap, and book one time with one click (through the calendar guard)."""

import datetime as dt

from django import forms as djforms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.exceptions import SlotTaken
from core.time import local

from .. import forms, selectors
from ..actions.scheduling import meeting_book, meeting_cancel, meeting_propose_times, meeting_send_proposals
from ..exceptions import MediationError
from ..models import MediationCase, Meeting, Party, TimeProposal
from .base import MediatorOnlyMixin


class MeetingForm(djforms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["case", "kind", "parties", "duration_minutes", "place"]
        widgets = {"parties": djforms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case_pk = self.instance.case_id or self.data.get("case") or self.initial.get("case")
        if "parties" in self.fields and str(case_pk or "").isdigit():
            self.fields["parties"].queryset = self.fields["parties"].queryset.filter(case_id=case_pk)

    def clean(self):
        cleaned = super().clean()
        case, parties = cleaned.get("case"), cleaned.get("parties")
        if case and parties and any(p.case_id != case.pk for p in parties):
            self.add_error("parties", _("Choose only parties of this case."))
        if case and not case.is_open:
            self.add_error("case", _("This case is closed."))
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(MediatorOnlyMixin, admin.ModelAdmin):
    form = MeetingForm
    change_form_template = "admin/mediation/meeting/change_form.html"
    list_display = ["__str__", "case", "stage", "status", "start"]
    list_filter = ["status", "kind"]
    list_select_related = ["case"]
    readonly_fields = ["stage", "status", "start", "end", "proposals_sent_at", "times"]

    def get_fields(self, request, obj=None):
        fields = ["case", "kind", "parties", "duration_minutes", "place"]
        return (
            fields
            if obj is None
            else [*fields, "stage", "status", "start", "end", "proposals_sent_at", "times"]
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Meeting.Status.PROPOSED:
            return [*self.readonly_fields, "case", "kind", "parties", "duration_minutes"]
        if obj is not None:
            return [*self.readonly_fields, "case"]
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            kwargs["queryset"] = selectors.cases_managed_by(request.user).filter(
                status=MediationCase.Status.OPEN
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "parties":
            cases = selectors.cases_managed_by(request.user).filter(status=MediationCase.Status.OPEN)
            kwargs["queryset"] = Party.objects.filter(case__in=cases)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("proposed times"))
    def times(self, meeting):
        url = reverse("admin:mediation_meeting_times", args=[meeting.pk])
        count = meeting.proposals.count()
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("%(count)s times – propose, see the overlap, book") % {"count": count},
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.stage = obj.case.stage
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect("admin:mediation_meeting_times", obj.pk)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/times/", view(self.times_view), name="mediation_meeting_times"),
            path("<int:pk>/cancel/", view(self.cancel_view), name="mediation_meeting_cancel"),
            *super().get_urls(),
        ]

    def times_view(self, request, pk):
        """Free times to propose, the proposals with who marked them, and one-click booking."""
        meeting = self.owned_or_404(request, pk)
        today = local(timezone.now()).date()
        try:
            first_day = dt.date.fromisoformat(request.GET.get("from", ""))
        except ValueError:
            first_day = today + dt.timedelta(days=1)
        first_day = max(first_day, today)
        days = 14
        free = []
        if meeting.status == Meeting.Status.PROPOSED:
            free = selectors.free_times(
                meeting.case.mediator,
                first_day=first_day,
                last_day=first_day + dt.timedelta(days=days - 1),
                duration=dt.timedelta(minutes=meeting.duration_minutes),
                step=dt.timedelta(hours=1),
                modality=meeting.modality,
            )
        form = forms.ProposeTimesForm(request.POST or None, free=free)
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "propose" and form.is_valid():
                    added = meeting_propose_times(meeting=meeting, starts=form.chosen())
                    messages.success(request, _("Times added: %(count)s.") % {"count": len(added)})
                    return redirect("admin:mediation_meeting_times", meeting.pk)
                if action == "send":
                    count = meeting_send_proposals(meeting=meeting)
                    messages.success(
                        request, _("The times were sent to %(count)s parties.") % {"count": count}
                    )
                    return redirect("admin:mediation_meeting_times", meeting.pk)
                if action == "book":
                    proposal = TimeProposal.objects.filter(
                        meeting=meeting, pk=request.POST.get("proposal") or 0
                    ).first()
                    if proposal is None:
                        messages.error(request, _("Choose one of the proposed times."))
                    else:
                        meeting_book(meeting=meeting, proposal=proposal)
                        messages.success(
                            request, _("Booked. Everyone invited gets the invitation with a calendar file.")
                        )
                        return redirect("admin:mediation_meeting_change", meeting.pk)
            except SlotTaken:
                messages.error(
                    request, _("That time is already taken in your calendar. Choose another time.")
                )
            except MediationError as exc:
                messages.error(request, exc.message)
        return TemplateResponse(
            request,
            "admin/mediation/meeting/times.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": meeting,
                "meeting": meeting,
                "title": _("Times for %(meeting)s") % {"meeting": meeting},
                "form": form,
                "rows": selectors.overlap(meeting),
                "invited": list(meeting.parties.all()),
                "first_day": first_day,
                "previous_from": (first_day - dt.timedelta(days=days)).isoformat(),
                "next_from": (first_day + dt.timedelta(days=days)).isoformat(),
            },
        )

    def cancel_view(self, request, pk):
        meeting = self.owned_or_404(request, pk)
        if request.method == "POST":
            meeting_cancel(meeting=meeting)
            messages.success(request, _("The meeting is cancelled and its time freed."))
        return redirect("admin:mediation_meeting_change", meeting.pk)
