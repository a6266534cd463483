"""Domain errors of the public site's requests, each with a translated message safe to show staff."""

from django.utils.translation import gettext_lazy as _


class RequestError(Exception):
    message = _("The request could not be updated.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class AlreadyDecided(RequestError):
    message = _("This request has already been decided (or closed): the organisation was told then.")


class ReasonMissing(RequestError):
    message = _("Give a reason for declining: it is sent to the organisation.")
