"""Who may see a mediation case, registered with privacy.access.

Content (party answers, notes, agreement text, check-ins, documents) is the case's mediator's
alone. A superuser sees that a case exists, its stage and dates, and may reassign it with a logged
reason, never its content. Another practitioner and staff without a practitioner role see only the
neutral label of its meetings on the calendar.
"""

from django.db.models import Q

from bookings.access import is_practitioner
from privacy.access import Rule, register


def mediated_by(user) -> Q:
    """The cases `user` mediates, as a filter on MediationCase (the list and every lookup use it)."""
    return Q(mediator__user_id=user.pk) if is_practitioner(user) else Q(pk__in=[])


def _mediator(user, case=None) -> bool:
    if not is_practitioner(user):
        return False
    return case is None or case.mediator.user_id == user.pk


def _overview(user, case=None) -> bool:
    return user.is_superuser or _mediator(user, case)


register(Rule.CASE_MANAGE, _mediator)
register(Rule.CASE_CONTENT, _mediator)
register(Rule.CASE_OVERVIEW, _overview)
