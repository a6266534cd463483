"""Whose calendar a practitioner is: the staff account behind it. Only a superuser changes it
(privacy.access.Rule.ASSIGN), with a written reason that is recorded: the account is what gives
access to a practitioner's cases and health declarations, so nobody can give it to themselves."""

from django.contrib.auth import get_user_model
from django.db import transaction

from privacy.access import Rule, may
from privacy.actions import access_change_record

from ..exceptions import AccountTaken, NotAllowed, ReasonMissing
from ..models import Practitioner


def practitioner_assign_user(*, practitioner: Practitioner, user, by_user, reason: str) -> Practitioner:
    """Gives the practitioner's calendar to `user` (an active staff account), recorded as a
    privacy.AccessChange with `reason`. NotAllowed for anyone but a superuser; AccountTaken when
    the account is another practitioner's."""
    if not may(by_user, Rule.ASSIGN, practitioner):
        raise NotAllowed
    if not reason.strip():
        raise ReasonMissing
    with transaction.atomic():
        practitioner = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
        previous = practitioner.user
        if user.pk == practitioner.user_id:
            return practitioner
        if Practitioner.objects.filter(user=user).exclude(pk=practitioner.pk).exists():
            raise AccountTaken
        practitioner.user = user
        practitioner.save(update_fields=["user"])
        access_change_record(
            target=practitioner,
            label=practitioner.display_name,
            field="user",
            old=previous.get_username() if previous else "",
            new=user.get_username(),
            reason=reason,
            by_user=by_user,
        )
        return practitioner


def staff_accounts():
    """The accounts a practitioner's calendar can be given to: active staff."""
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


def practitioner_create(*, by_user, reason: str, user, **details) -> Practitioner:
    """A superuser adds a practitioner's calendar for a staff account (recorded like a change of
    account, with `reason`)."""
    if not may(by_user, Rule.ASSIGN):
        raise NotAllowed
    if not reason.strip():
        raise ReasonMissing
    with transaction.atomic():
        if Practitioner.objects.filter(user=user).exists():
            raise AccountTaken
        practitioner = Practitioner(user=user, **details)
        practitioner.full_clean()
        practitioner.save()
        access_change_record(
            target=practitioner,
            label=practitioner.display_name,
            field="user",
            old="",
            new=user.get_username(),
            reason=reason,
            by_user=by_user,
        )
        return practitioner
