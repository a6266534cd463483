"""Seats in admin: read only, and cancelled only through a confirmation page that says what will
happen to each seat (freed at once, offered to the people waiting, the holder told by email).

The page is reached by the seat's own "Cancel this seat" link (GET) or by the list's action; only
the POST from the page cancels, through events.actions.seats.seat_cancel.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError

from .. import selectors
from ..actions.seats import seat_cancel
from ..actions.settle import settled_read
from ..models import Event, SeatBooking
from .events import HEALTH_FIELDS, HealthDeclarationColumn, can_see_health

CANCEL_TEMPLATE = "admin/events/seatbooking/cancel_confirmation.html"


@admin.register(SeatBooking)
class SeatBookingAdmin(HealthDeclarationColumn, admin.ModelAdmin):
    list_display = ["name", "event", "seats", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "phone"]
    list_select_related = ["event"]
    actions = ["cancel_seats"]
    change_form_template = "admin/events/seatbooking/change_form.html"

    def get_fields(self, request, obj=None):
        fields = [
            "event",
            "name",
            "email",
            "phone",
            "language",
            "seats",
            "status",
            "price_per_seat",
            "vat_rate",
        ]
        fields += ["created_at", "cancelled_at"]
        if obj is not None and can_see_health(request.user, obj.event):
            fields += ["health_consent_at", "health_purged_at", "health_declaration"]
        return fields

    def lookup_allowed(self, lookup, value, request=None):
        # Not even a filter or a search on the health answers or on who gave them.
        return not lookup.startswith(HEALTH_FIELDS) and super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        cancel = self.admin_site.admin_view(self.cancel_view)
        return [path("<int:pk>/cancel/", cancel, name="events_seatbooking_cancel"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        seat = self.get_object(request, object_id)
        may_cancel = (
            seat is not None
            and seat.status == SeatBooking.Status.CONFIRMED
            and self.has_change_permission(request, seat)
        )
        extra = {"may_cancel": may_cancel, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def _confirmation(self, request, seats, *, queryset=None):
        """The page that says what happens to each seat; its form POSTs back to where it came from."""
        if seats:  # offers past their time are handed on first: the line shown is the line that is served
            events = {seat.event_id for seat in seats}
            settled_read(lambda: list(selectors.with_seats(Event.objects.filter(pk__in=events))))
        rows = [{"seat": seat, "waiting": selectors.waiting_in_line(seat.event)} for seat in seats]
        return TemplateResponse(
            request,
            CANCEL_TEMPLATE,
            {
                **self.admin_site.each_context(request),
                "title": _("Cancel seats"),
                "opts": self.model._meta,
                "rows": rows,
                "queryset": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _cancel(self, request, seats) -> int:
        """Cancels each seat and tells, seat by seat, to whom its places were offered."""
        done = 0
        for seat in seats:
            now = timezone.now()
            try:
                seat_cancel(seat_booking=seat, by_user=request.user, now=now)
            except DomainError as exc:
                self.message_user(request, f"{seat}: {exc.message}", messages.WARNING)
                continue
            done += 1
            offered = selectors.offers_made_at(seat.event, now)
            if offered:
                text = _("%(seat)s cancelled; the seats were offered to %(names)s.") % {
                    "seat": seat,
                    "names": ", ".join(entry.name for entry in offered),
                }
            else:
                text = _("%(seat)s cancelled; nobody on the waitlist could take the seats.") % {"seat": seat}
            self.message_user(request, text, messages.SUCCESS)
        return done

    def cancel_view(self, request, pk):
        seat = get_object_or_404(self.get_queryset(request).select_related("event"), pk=pk)
        if not self.has_change_permission(request, seat):
            raise PermissionDenied
        if seat.status != SeatBooking.Status.CONFIRMED:
            return self._confirmation(request, [])
        if request.method == "POST":
            self._cancel(request, [seat])
            return redirect(reverse("admin:events_event_change", args=[seat.event_id]))
        return self._confirmation(request, [seat])

    @admin.action(description=_("Cancel selected seats (the holder is told; the waitlist gets them)"))
    def cancel_seats(self, request, queryset):
        """A confirmation page first (what happens to each seat); the seats are cancelled only by the
        POST from that page."""
        seats = list(queryset.select_related("event").filter(status=SeatBooking.Status.CONFIRMED))
        if request.POST.get("confirmed") != "yes":
            return self._confirmation(request, seats, queryset=queryset)
        self._cancel(request, seats)
        return None
