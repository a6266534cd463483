"""The base of every app's domain errors: a refusal with a translated message that is safe to show
the person who asked (a client, a party, the practitioner). Views catch an app's error and show
its message next to the form or at the top of the page; nothing here is a server error."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    message = _("That could not be done.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class Busy(DomainError):
    """Another request held the lock we waited for longer than DB_LOCK_TIMEOUT_MS: nothing was
    changed; trying again in a moment works."""

    message = _(
        "Many people are doing the same right now. Nothing was changed: please try again in a moment."
    )
