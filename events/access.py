"""Who may read an event's health self-declarations, registered with privacy.access: the event's
practitioner only, as the seat form promises (not other staff, superusers included)."""

from bookings.access import practitioner_of
from privacy.access import Rule, register


def _health(user, event=None) -> bool:
    own = practitioner_of(user)
    if own is None:
        return False
    return event is None or event.practitioner_id == own.pk


register(Rule.HEALTH, _health)
