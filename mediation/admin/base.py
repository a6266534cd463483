"""Who may see what in the case admin, asked of privacy.access: only a case's own mediator sees a
case's content or changes it; a superuser sees the case's overview (stage, dates) and may reassign
it. Other staff, even with model permissions, see no case in lists and get 404/403 on a case's
pages, and none of its messages in the message log (the rule below, registered in apps.py). Every
view that takes confidential text marks its POST sensitive, out of error reports.
"""

import operator
from functools import reduce

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from privacy.access import Rule, may
from privacy.admin import OutOfViewIs404

from .. import selectors
from ..models import CheckIn, MediationCase, Meeting, Party

# The mediation rows messages are about, with the path to their case. A message about any other
# mediation model is hidden from everyone but superusers until it is listed here.
MESSAGE_TARGETS = {MediationCase: "", Party: "case__", Meeting: "case__", CheckIn: "case__"}

confidential_post = method_decorator(sensitive_post_parameters())


def messages_hidden_from(user) -> Q:
    """The outbox messages about a case `user` does not mediate (for notifications.visibility)."""
    managed = selectors.cases_managed_by(user).values("pk")
    own = reduce(
        operator.or_,
        (
            Q(
                target_type=ContentType.objects.get_for_model(model),
                target_id__in=model.objects.filter(**{f"{to_case}pk__in": managed}).values("pk"),
            )
            for model, to_case in MESSAGE_TARGETS.items()
        ),
    )
    return Q(target_type__app_label=MediationCase._meta.app_label) & ~own


class MediatorOnlyMixin(OutOfViewIs404):
    """For admins of cases and case-owned models: everything is the case's mediator's alone
    (privacy.access.Rule.CASE_MANAGE). `case_lookup` is the path from the model to its case ("" for
    the case itself). The case admin widens its own list and view to the superuser's overview."""

    case_lookup = "case"

    def case_of(self, obj) -> MediationCase:
        for part in filter(None, self.case_lookup.split("__")):
            obj = getattr(obj, part)
        return obj

    def get_queryset(self, request):
        prefix = f"{self.case_lookup}__" if self.case_lookup else ""
        managed = selectors.cases_managed_by(request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{prefix}pk__in" if prefix else "pk__in": managed})

    def _allowed(self, request, obj) -> bool:
        return may(request.user, Rule.CASE_MANAGE, None if obj is None else self.case_of(obj))

    def has_module_permission(self, request):
        return self._allowed(request, None)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request, None)

    def has_delete_permission(self, request, obj=None):
        return False  # a case's rows end with the case (closing, retention), never one by one

    def owned_or_404(self, request, pk):
        obj = self.get_object(request, str(pk))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404
        return obj

    @confidential_post
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)


class CaseInline(MediatorOnlyMixin, admin.TabularInline):
    """An inline of a case's rows: the parent admin has already checked the case."""

    case_lookup = "case"
    extra = 0

    def _allowed(self, request, obj) -> bool:
        # Inlines receive the parent case as `obj`.
        return may(request.user, Rule.CASE_MANAGE, obj)
