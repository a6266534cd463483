"""Domain errors of the public site's requests, each with a translated message safe to show staff."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError


class RequestError(DomainError):
    message = _("The request could not be updated.")


class AlreadyDecided(RequestError):
    message = _("This request has already been decided (or closed): the organisation was told then.")


class ReasonMissing(RequestError):
    message = _("Give a reason for declining: it is sent to the organisation.")


class NotAMediationRequest(RequestError):
    message = _("Only a mediation request can be opened as a mediation case.")


class CaseAlreadyOpened(RequestError):
    message = _("A mediation case has already been opened from this request.")
