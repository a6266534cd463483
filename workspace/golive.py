"""The go-live checklist on the workspace's front page: what is still demo or missing before the site
is the practice's own, each with where to fix it. Done steps are not listed; when every step is
done the checklist is gone.

Reads only: the practice profile (cached), the places of active practitioners (one query) and the
signed-in person's second factor (one query).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.models import Location
from bookings.translation import LocationTranslation
from practice.models import DEFAULT_NAME
from practice.selectors import profile

SMTP = "django.core.mail.backends.smtp.EmailBackend"
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str = ""  # where to fix it in the workspace; empty when the fix is on the server
    help: str = ""


def _untranslated_places() -> list[Location]:
    """Active practitioners' places with a Finnish text that lacks its Swedish or English one."""
    places = Location.objects.filter(practitioner__is_active=True).order_by("practitioner_id", "pk")
    missing = []
    for place in places:
        for field in LocationTranslation.fields:
            if getattr(place, f"{field}_fi") and not all(
                getattr(place, f"{field}_{code}") for code in OTHER_LANGUAGES
            ):
                missing.append(place)
                break
    return missing


def checklist(request) -> list[Step]:
    """The steps still to do for the signed-in person: the practice's identity for those who may
    change it, the server's email and their own second factor for everyone."""
    steps = []
    user = request.user
    if user.has_perm("practice.change_practiceprofile"):
        practice = profile()
        page = reverse("admin:practice_practiceprofile_change", args=[practice.pk])
        if not practice.name.strip() or practice.name == DEFAULT_NAME:
            name = _("Give the practice its own name (it is still “%(name)s”).") % {"name": practice.name}
            steps.append(Step("name", name, page))
        if not practice.portrait:
            steps.append(
                Step(
                    "portrait",
                    _("Upload your portrait (the site shows a neutral illustration meanwhile)."),
                    page,
                )
            )
        if not practice.business_id:
            steps.append(Step("business_id", _("Add the business ID (Y-tunnus)."), page))
        if not (practice.practitioner_name and practice.business_id and practice.postal_address):
            steps.append(
                Step(
                    "controller",
                    _(
                        "Complete the controller's details of the privacy statement: name, business ID and postal address."
                    ),
                    page,
                )
            )
    if user.has_perm("bookings.change_practitioner") and (untranslated := _untranslated_places()):
        steps.append(
            Step(
                "places",
                _("Write the places' texts in Swedish and English too: %(places)s.")
                % {"places": ", ".join(str(place.name) for place in untranslated)},
                reverse("admin:bookings_practitioner_change", args=[untranslated[0].practitioner_id]),
                _("Confirmations and reminders carry them in each client's language."),
            )
        )
    if user.is_superuser and settings.MAILERS["default"]["BACKEND"] != SMTP:
        steps.append(
            Step(
                "smtp",
                _("Set up sending email: messages now go to files on the server, not to clients."),
                help=_("Set EMAIL_URL (or EMAIL_HOST and its companions) in the server's environment."),
            )
        )
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        steps.append(
            Step(
                "two_factor",
                _("Set up two-factor sign-in with an authenticator app."),
                reverse("admin:two_factor"),
            )
        )
    return steps
