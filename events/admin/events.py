"""Events in admin: scheduling (through the calendar guard), seats and the waitlist of each event.

Every change goes through events.actions (the same lock and rules as the public pages). Seat
holders' health self-declarations, and even who gave one, are shown only to the event's own
practitioner (privacy.access.Rule.HEALTH), never to other staff or superusers; nobody can edit them
here, filter on them or search them. Whose event it is changes only by a superuser, with a reason.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.models import CalendarBlock, Practitioner, SessionType
from bookings.policy import block_span
from core.adminpages import object_form_view
from core.exceptions import DomainError
from privacy.access import Rule, may

from .. import selectors as selectors_events
from ..actions.event import event_cancel, event_create, event_reassign, event_update
from ..actions.settle import seats_taken, settled_read
from ..actions.waitlist import offers_expire
from ..models import Event, SeatBooking, WaitlistEntry

TEXT_FIELDS = ["title_fi", "description_fi"]
TRANSLATED_TEXT_FIELDS = ["title_sv", "description_sv", "title_en", "description_en"]
TIME_AND_PLACE_FIELDS = [
    "start",
    "end",
    "registration_deadline",
    "modality",
    "location",
    "place_note",
    "meeting_url",
]

SEAT_FIELDS = ["capacity", "max_seats_per_booking", "price_per_seat", "vat_rate", "asks_health_declaration"]
EDITABLE = [
    "session_type",
    "practitioner",
    "slug",
    *TEXT_FIELDS,
    *TRANSLATED_TEXT_FIELDS,
    *TIME_AND_PLACE_FIELDS,
    *SEAT_FIELDS,
    "status",
]
SEAT_COUNTS = ["seats_taken", "waiting_count"]

HEALTH_FIELDS = ("health_answers", "health_consent_at", "health_purged_at")


def can_see_health(user, event: Event | None) -> bool:
    return event is not None and may(user, Rule.HEALTH, event)


class ReassignForm(forms.Form):
    """A superuser gives the event to another practitioner; the reason is recorded."""

    practitioner = forms.ModelChoiceField(label=_("New practitioner"), queryset=Practitioner.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Recorded with your name. At most 1000 characters."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = Practitioner.objects.filter(is_active=True).exclude(
            pk=event.practitioner_id
        )


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = EDITABLE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_type"].queryset = SessionType.objects.filter(audience=SessionType.Audience.GROUP)
        # Cancelling tells the seat holders: it is the admin action, not a field.
        self.fields["status"].choices = [
            c for c in Event.Status.choices if c[0] != Event.Status.CANCELLED or self.instance.status == c[0]
        ]
        if not self.instance.pk:
            self.fields["registration_deadline"].required = False
            self.fields["registration_deadline"].help_text = _("Empty: when the event starts.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        practitioner = data.get("practitioner") or (self.instance.practitioner if self.instance.pk else None)
        session_type = data.get("session_type")
        if start and end and start >= end:
            self.add_error("end", _("The end must be after the start."))
        elif start and end and practitioner and session_type:
            block_start, block_end = block_span(
                start,
                end,
                buffer_before_minutes=session_type.buffer_before_minutes,
                buffer_after_minutes=session_type.buffer_after_minutes,
            )
            taken = CalendarBlock.objects.filter(
                practitioner=practitioner, active=True, start__lt=block_end, end__gt=block_start
            )
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.block_id)
            if taken.exists():
                self.add_error("start", _("This time overlaps bookings or other blocks in the calendar."))
        deadline = data.get("registration_deadline")
        if deadline and end and deadline > end:
            self.add_error("registration_deadline", _("Registration must close before the event ends."))
        if self.instance.pk and data.get("capacity") is not None:
            used = seats_taken(self.instance, timezone.now())
            if data["capacity"] < used:
                self.add_error("capacity", _("%(used)s seats are already taken or offered.") % {"used": used})
        return data


class HealthDeclarationColumn:
    """The seat's health self-declaration as a read-only column (for whom can_see_health allows)."""

    @admin.display(description=_("health self-declaration"))
    def health_declaration(self, seat):
        if seat.health_purged_at:
            return _("purged")
        return seat.health_summary or "–"


class SeatBookingInline(HealthDeclarationColumn, admin.TabularInline):
    model = SeatBooking
    extra = 0
    can_delete = False
    show_change_link = True

    def get_fields(self, request, obj=None):
        fields = ["name", "email", "phone", "seats", "status", "created_at"]
        if can_see_health(request.user, obj):
            fields.append("health_declaration")
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False


class WaitlistInline(admin.TabularInline):
    model = WaitlistEntry
    extra = 0
    can_delete = False
    fields = ["name", "email", "seats", "status", "joined_at", "offer_expires_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SettledChangeList(ChangeList):
    """The events list, its seats counted after the offers past their time were handed on
    (events.actions.settle.settled_read): what the practitioner sees is what can be booked. No query
    more when no offer is due."""

    def get_results(self, request):
        def read():
            super(SettledChangeList, self).get_results(request)
            return list(self.result_list)

        settled_read(read)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ["title_fi", "start", "practitioner", "capacity", "seats_taken", "waiting_count", "status"]
    list_filter = ["status", "session_type", "practitioner"]
    search_fields = ["title_fi", "title_sv", "title_en", "slug"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_fi"]}
    inlines = [SeatBookingInline, WaitlistInline]
    actions = ["cancel_events", "hand_on_seats"]
    fieldsets = [
        (None, {"fields": ["session_type", "practitioner", "status", "slug"]}),
        (_("Title and description"), {"fields": TEXT_FIELDS}),
        (_("In Swedish and English"), {"fields": TRANSLATED_TEXT_FIELDS, "classes": ["collapse"]}),
        (_("Time and place"), {"fields": TIME_AND_PLACE_FIELDS}),
        (_("Seats and price"), {"fields": SEAT_FIELDS}),
    ]

    def get_queryset(self, request):
        return selectors_events.with_seats(super().get_queryset(request).select_related("practitioner"))

    def get_changelist(self, request, **kwargs):
        return SettledChangeList

    def get_readonly_fields(self, request, obj=None):
        # Whose event it is changes only through the superuser's reassign page (with a reason).
        return ["practitioner", *SEAT_COUNTS] if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        # An existing event shows its seats as the list does (counted after settling, change_view).
        return [*self.fieldsets[:-1], (self.fieldsets[-1][0], {"fields": [*SEAT_COUNTS, *SEAT_FIELDS]})]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/reassign/", view(self.reassign_view), name="events_event_reassign"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The offers past their time are handed on before the page counts seats (outside the
        # transaction admin wraps a change in, as the hand-over commits on its own).
        event = settled_read(lambda: self.get_object(request, object_id))
        extra = {
            "may_reassign": event is not None and may(request.user, Rule.ASSIGN, event),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def reassign_view(self, request, pk):
        event = self.get_object(request, str(pk))
        if event is None or not may(request.user, Rule.ASSIGN, event):
            raise Http404
        form = ReassignForm(request.POST or None, event=event)
        return object_form_view(
            self,
            request,
            "admin/events/event/reassign.html",
            obj=event,
            title=_("Give the event to another practitioner"),
            form=form,
            save=lambda data: event_reassign(
                event=event, practitioner=data["practitioner"], by_user=request.user, reason=data["reason"]
            ),
            done=_("The event was given to another practitioner."),
        )

    @admin.display(description=_("seats taken"))
    def seats_taken(self, event):
        return event.capacity - selectors_events.seats_left(event)

    @admin.display(description=_("waiting"))
    def waiting_count(self, event):
        return event.waiting

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in EDITABLE if name in form.cleaned_data}
        if change:
            values.pop("practitioner", None)
        if change:
            saved = event_update(event=obj, **values)
        else:
            session_type = values.pop("session_type")
            saved = event_create(
                session_type=session_type,
                practitioner=values.pop("practitioner"),
                start=values.pop("start"),
                end=values.pop("end"),
                capacity=values.pop("capacity"),
                slug=values.pop("slug"),
                title_fi=values.pop("title_fi"),
                registration_deadline=values.pop("registration_deadline"),
                **values,
            )
        obj.pk, obj.block_id = saved.pk, saved.block_id

    def save_related(self, request, form, formsets, change):
        # The inlines are read-only (seats change only through the actions); save(commit=False)
        # writes nothing but tells admin's change message so.
        for formset in formsets:
            formset.save(commit=False)

    @admin.action(description=_("Cancel selected events (seat holders are told)"))
    def cancel_events(self, request, queryset):
        done = 0
        for event in queryset:
            try:
                event_cancel(event=event, by_user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{event}: {exc.message}", messages.WARNING)
        if done:
            self.message_user(request, _("%(count)s cancelled.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Offer free seats to the waitlist now"))
    def hand_on_seats(self, request, queryset):
        offers_expire()
        self.message_user(request, _("Free seats were offered to the people waiting."), messages.SUCCESS)
