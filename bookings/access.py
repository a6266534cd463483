"""Access rules of the calendar core, registered with privacy.access (see there and the README's
security section), and the sign-in backend that knows who is a practitioner."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from privacy.access import Rule, register

from .models import Practitioner


class PractitionerBackend(ModelBackend):
    """Django's ModelBackend, loading the signed-in user together with their practitioner row, so
    that every access rule of a request knows it without a query of its own."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("practitioner").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def practitioner_of(user) -> Practitioner | None:
    """The staff user's own practitioner row, or None (read once per user object)."""
    if not user.is_staff:
        return None
    try:
        return user.practitioner
    except Practitioner.DoesNotExist:
        return None


def is_practitioner(user) -> bool:
    """A staff member with a practitioner's calendar."""
    return practitioner_of(user) is not None


def calendars_in_view_of(user) -> Q:
    """The practitioners whose calendar connections (external calendars with their passwords, the
    feed link) `user` sees, as a filter on Practitioner: every one for a superuser, else their own."""
    if user.is_superuser and user.is_active:
        return Q()
    own = practitioner_of(user)
    return Q(pk=own.pk) if own is not None else Q(pk__in=[])


def _personal_data(user, obj=None) -> bool:
    """A person's data (find, export, erase): superusers and practitioners."""
    return user.is_superuser or is_practitioner(user)


register(Rule.PERSONAL_DATA, _personal_data)
