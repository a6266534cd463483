"""Who may see which messages in the admin's message log.

A message about something confidential (a mediation case) may be seen only by the staff who may
see that thing. The app that owns such messages registers a rule from its AppConfig.ready(): a
function `(user) -> Q` selecting the messages the user may NOT see.

    notifications.visibility.register("mediation", hidden=messages_hidden_from)

Superusers see every message; other staff see those that no rule hides from them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

Rule = Callable[..., Q]
_rules: dict[str, Rule] = {}


def register(name: str, *, hidden: Rule) -> None:
    _rules[name] = hidden


def visible_to(user, messages: QuerySet) -> QuerySet:
    """`messages` without those some rule hides from `user` (all of them for a superuser)."""
    if user.is_superuser:
        return messages
    for hidden in _rules.values():
        messages = messages.exclude(hidden(user))
    return messages
