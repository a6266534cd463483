"""Who may see a mediation case, registered with privacy.access.

Content (party answers, notes, agreement text, check-ins, documents) is the case's mediator's
alone. A superuser sees that a case exists, its stage and dates, and may reassign it with a logged
reason, never its content. Another practitioner and staff without a practitioner role see only the
neutral label of its meetings on the calendar.
"""

from django.db.models import Q

from bookings.access import practitioner_of
from privacy.access import Rule, register


def mediated_by(user) -> Q:
    """The cases `user` mediates, as a filter on MediationCase (the list and every lookup use it)."""
    own = practitioner_of(user)
    return Q(mediator_id=own.pk) if own is not None else Q(pk__in=[])


def in_view_of(user) -> Q:
    """The cases in `user`'s list, as a filter on MediationCase: their own, or every case's
    overview (stage and dates) for a superuser."""
    if user.is_superuser and user.is_active:
        return Q()
    return mediated_by(user)


def _mediator(user, case=None) -> bool:
    own = practitioner_of(user)
    if own is None:
        return False
    return case is None or case.mediator_id == own.pk


def _overview(user, case=None) -> bool:
    return user.is_superuser or _mediator(user, case)


register(Rule.CASE_MANAGE, _mediator)
register(Rule.CASE_CONTENT, _mediator)
register(Rule.CASE_OVERVIEW, _overview)
