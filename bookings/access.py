"""Access rules of the calendar core, registered with privacy.access (see there and the README's
security section)."""

from privacy.access import Rule, register

from .models import Practitioner


def is_practitioner(user) -> bool:
    """A staff member with a practitioner's calendar (cached on the user for the request)."""
    if not user.is_staff:
        return False
    if not hasattr(user, "_practitioner_pk"):
        user._practitioner_pk = (
            Practitioner.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
        )
    return user._practitioner_pk is not None


def practitioner_of(user) -> Practitioner | None:
    """The user's own practitioner row, or None."""
    return Practitioner.objects.filter(user_id=user.pk).first() if user.is_staff else None


def _personal_data(user, obj=None) -> bool:
    """A person's data (find, export, erase): superusers and practitioners."""
    return user.is_superuser or is_practitioner(user)


register(Rule.PERSONAL_DATA, _personal_data)
