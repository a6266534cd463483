"""Who may read an event's health self-declarations, registered with privacy.access: the event's
practitioner only, as the seat form promises (not other staff, superusers included)."""

from bookings.access import is_practitioner
from privacy.access import Rule, register


def _health(user, event=None) -> bool:
    if not is_practitioner(user):
        return False
    return event is None or event.practitioner.user_id == user.pk


register(Rule.HEALTH, _health)
