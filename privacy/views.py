"""Admin-only views of a person's rights: find what is stored, download it, erase it.

Wired into admin by privacy/admin.py (admin_view: staff sign-in, second factor, CSRF); each asks
privacy.access (Rule.PERSONAL_DATA: superusers and practitioners). What a person's data holds that
only its practitioner or mediator may read stays out of the export; an erasure the user may not
make is refused whole. Every page that shows a person's data is never cached.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.formats import file_stamp
from core.headers import attachment_disposition

from . import actions
from .access import Rule, may
from .exceptions import ErasureRefused
from .forms import EraseForm, PersonForm


def _allowed(request) -> None:
    if not may(request.user, Rule.PERSONAL_DATA):
        raise PermissionDenied


def _page(request, admin_site, *, form, erase_form=None, found=None, status=200):
    context = {
        **admin_site.each_context(request),
        "title": _("A person's data"),
        "form": form,
        "erase_form": erase_form,
        "found": found,
        "total": sum(len(item.objects) for item in found or []),
    }
    return TemplateResponse(request, "admin/privacy/person.html", context, status=status)


@never_cache
@require_GET
def person(request, admin_site):
    """What every app holds about one email address, kind by kind."""
    _allowed(request)
    if "email" not in request.GET:
        return _page(request, admin_site, form=PersonForm())
    form = PersonForm(request.GET)
    if not form.is_valid():
        return _page(request, admin_site, form=form, status=400)
    email = form.cleaned_data["email"]
    found = actions.person_find(email=email)
    return _page(request, admin_site, form=form, erase_form=EraseForm(initial={"email": email}), found=found)


@never_cache
@require_POST
def export(request, admin_site):
    """The ZIP download (one JSON file per kind of data); recorded as a privacy request."""
    _allowed(request)
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _page(request, admin_site, form=form, status=400)
    content, record = actions.person_export(email=form.cleaned_data["email"], by_user=request.user)
    response = HttpResponse(content, content_type="application/zip")
    stamp = file_stamp(record.done_at)
    response["Content-Disposition"] = attachment_disposition(f"personal-data-{stamp}.zip")
    return response


@never_cache
@require_POST
def erase(request, admin_site):
    """Erases or anonymises everything found, after the address was typed twice."""
    _allowed(request)
    erase_form = EraseForm(request.POST)
    if not erase_form.is_valid():
        email = erase_form.data.get("email", "")
        form = PersonForm({"email": email})
        found = actions.person_find(email=email) if form.is_valid() else None
        return _page(request, admin_site, form=form, erase_form=erase_form, found=found, status=400)
    try:
        record = actions.person_erase(email=erase_form.cleaned_data["email"], by_user=request.user)
    except ErasureRefused as exc:
        email = erase_form.cleaned_data["email"]
        erase_form.add_error(None, exc.message)
        found = actions.person_find(email=email)
        return _page(
            request,
            admin_site,
            form=PersonForm({"email": email}),
            erase_form=erase_form,
            found=found,
            status=400,
        )
    messages.success(
        request,
        _("The data of %(email)s was erased: %(records)s records.")
        % {"email": record.email, "records": sum(record.counts.values())},
    )
    return redirect("admin:privacy_privacyrequest_changelist")
