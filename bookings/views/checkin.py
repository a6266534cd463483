"""The client's check-in after a session: a short feedback form behind a personal link.

The link (purpose "checkin") is made when the check-in email is built (bookings/messages.py),
so the token exists only in that email. Answers are stored once per booking (Feedback) and
shown to the practitioner in admin. Anything wrong with the link is a plain 404.
"""

from django import forms
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.ratelimit import ratelimit
from privacy.links import link_resolve

from ..actions.record import feedback_submit
from ..kinds import BookingLink
from ..models import Booking, Feedback
from .flow import booking_rate

RATINGS = [
    (5, _("5 – very useful")),
    (4, _("4 – useful")),
    (3, _("3 – somewhat useful")),
    (2, _("2 – of little use")),
    (1, _("1 – not useful")),
]


class CheckinForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session for you?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating from 1 to 5."),
            "invalid_choice": _("Choose a rating from 1 to 5."),
        },
    )
    helped = forms.CharField(
        label=_("What helped you?"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    change = forms.CharField(
        label=_("What would you change?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    wants_next = forms.BooleanField(label=_("I would like to book a next session"), required=False)


def _book_url() -> str | None:
    try:
        return reverse("bookings:start")
    except NoReverseMatch:
        return None


@never_cache
@ratelimit(scope="checkin", rate=booking_rate)
@require_http_methods(["GET", "POST"])
def checkin(request, token: str):
    booking = link_resolve(token, purpose=BookingLink.CHECKIN, model=Booking)
    booking = Booking.objects.select_related("session_type", "practitioner").get(pk=booking.pk)
    feedback = Feedback.objects.filter(booking=booking).first()
    if feedback is not None:
        return render(
            request,
            "bookings/checkin_done.html",
            {"booking": booking, "feedback": feedback, "book_url": _book_url()},
        )
    form = CheckinForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        feedback_submit(booking=booking, **form.cleaned_data)
        return redirect(request.path)
    return render(request, "bookings/checkin.html", {"booking": booking, "form": form})
