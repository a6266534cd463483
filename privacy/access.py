"""Who may see and change what: the one place that decides.

Every confidentiality question in the project is asked here as `may(user, Rule.X, obj)`: views,
admin (querysets, read-only fields, columns, filters, search, actions), exports, the personal-data
pages and the message log. Nothing checks `user_id` by hand. The apps that own the objects register
the rule in their `AppConfig.ready()` (privacy knows no app above it); a rule nobody registered is
refused. Where a list needs the rule as a filter, the app's access module gives it beside the rule
(`mediation.access.mediated_by`, `bookings.access.calendars_in_view_of`). The README's security
section lists the rules as a table, and tests/privacy/test_matrix.py walks every URL and admin action
for every role against it.

Deliberately not Django's `user.has_perm(perm, obj)`: that grants a superuser everything, while
here a superuser does not read mediation content or health declarations.
"""

from collections.abc import Callable
from enum import StrEnum


class Rule(StrEnum):
    # Mediation: the case's stage, dates and parties' names and statuses (the desk).
    CASE_MANAGE = "case_manage"
    # Mediation content: party answers, notes, agreement text, check-ins, documents.
    CASE_CONTENT = "case_content"
    # That a case exists, its stage and dates, without content (superusers; the calendar's label).
    CASE_OVERVIEW = "case_overview"
    # An event's seat holders' health self-declarations.
    HEALTH = "health"
    # Who a practitioner is (Practitioner.user), who mediates a case, whose an event is.
    ASSIGN = "assign"
    # A person's data: find, export, erase (GDPR articles 15, 17, 20).
    PERSONAL_DATA = "personal_data"
    # Staff accounts, second factors and sign-in logs.
    ACCOUNTS = "accounts"
    # Invoices: their buyers, lines and payments.
    INVOICES = "invoices"


Check = Callable[..., bool]
_checks: dict[Rule, Check] = {}


def register(rule: Rule, check: Check) -> None:
    """`check(user, obj)` answers the rule for a signed-in user (obj may be None for "any")."""
    _checks[rule] = check


def may(user, rule: Rule, obj=None) -> bool:
    """Whether `user` may do `rule` on `obj`. Inactive and anonymous users may do nothing here."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    check = _checks.get(rule)
    return bool(check and check(user, obj))


def superuser(user, obj=None) -> bool:
    """The rule of the account-level powers: superusers only."""
    return user.is_superuser


register(Rule.ASSIGN, superuser)
register(Rule.ACCOUNTS, superuser)
