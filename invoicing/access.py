"""Who may invoice, registered with privacy.access: superusers and active practitioners (an invoice
names its buyer, what was bought and whether it was paid)."""

from bookings.access import practitioner_of
from privacy.access import Rule, register


def _invoices(user, obj=None) -> bool:
    if user.is_superuser:
        return user.is_staff
    own = practitioner_of(user)
    return own is not None and own.is_active


register(Rule.INVOICES, _invoices)
